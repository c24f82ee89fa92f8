"""Smoke tests for the catalog service (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("REDIS_URL", "redis://localhost:6379/0")

from fastapi.testclient import TestClient

from app.main import app


def _product(client: TestClient, **extra: object) -> dict:
    body = {"sku": uuid.uuid4().hex, "name": "Lamp", "category": "home", "price_cents": 2500}
    r = client.post("/products", json={**body, **extra})
    assert r.status_code == 201
    return r.json()


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_product_read_has_pricing_and_etag():
    with TestClient(app) as client:
        p = _product(client)
        r = client.get(f"/products/{p['id']}")
        assert r.status_code == 200
        assert r.json()["pricing"]["final_price_cents"] == 2500
        assert r.headers["ETag"].startswith('"')
        again = client.get(f"/products/{p['id']}", headers={"If-None-Match": r.headers["ETag"]})
        assert again.status_code == 304


def test_update_then_read():
    with TestClient(app) as client:
        p = _product(client, category=f"cat-{uuid.uuid4().hex[:6]}")
        client.get(f"/products/{p['id']}")
        assert client.patch(f"/products/{p['id']}", json={"price_cents": 3000}).status_code == 200
        assert client.get(f"/products/{p['id']}").json()["price_cents"] == 3000
        r = client.get("/catalog/summary", params={"category": p["category"]})
        assert r.json()["product_count"] == 1
