"""Smoke tests for the orders service (happy paths only). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")

from fastapi.testclient import TestClient

from app.main import app


def _setup(client: TestClient, tier: str) -> tuple[dict, dict]:
    email = f"smoke-{uuid.uuid4().hex[:8]}@example.com"
    c = client.post("/customers", json={"name": "Smoke", "email": email, "tier": tier}).json()
    p = client.post("/products", json={"name": "Pen", "price_cents": 250}).json()
    return c, p


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_gold_order():
    with TestClient(app) as client:
        c, p = _setup(client, "gold")
        body = {"customer_id": c["id"], "items": [{"product_id": p["id"], "quantity": 4}]}
        r = client.post("/orders", json=body)
        assert r.status_code == 201
        assert (r.json()["subtotal_cents"], r.json()["discount_cents"]) == (1000, 50)


def test_quote_with_volume_discount():
    with TestClient(app) as client:
        c, p = _setup(client, "standard")
        body = {"customer_id": c["id"], "items": [{"product_id": p["id"], "quantity": 12}]}
        r = client.post("/orders/quote", json=body)
        assert r.status_code == 200
        assert (r.json()["subtotal_cents"], r.json()["discount_cents"]) == (3000, 300)
