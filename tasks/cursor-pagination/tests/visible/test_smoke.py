"""Smoke tests for the product catalog (happy paths only). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_create_and_get_product():
    with TestClient(app) as client:
        body = {"name": "Tea kettle", "category": "kitchen", "price_cents": 2599, "stock": 3}
        r = client.post("/products", json=body)
        assert r.status_code == 201
        product = r.json()
        assert product["price_cents"] == 2599 and "created_at" in product
        assert client.get(f"/products/{product['id']}").json()["name"] == "Tea kettle"


def test_two_pages_by_price():
    with TestClient(app) as client:
        category = f"smoke-{uuid.uuid4().hex[:8]}"
        for price in (300, 100, 200):
            body = {"name": f"item {price}", "category": category, "price_cents": price, "stock": 1}
            assert client.post("/products", json=body).status_code == 201
        params = {"category": category, "sort": "price_cents", "limit": 2}
        first = client.get("/products", params=params).json()
        assert [p["price_cents"] for p in first["items"]] == [100, 200]
        assert first["next_cursor"]
        second = client.get("/products", params={**params, "cursor": first["next_cursor"]}).json()
        assert [p["price_cents"] for p in second["items"]] == [300]
        assert second["next_cursor"] is None
