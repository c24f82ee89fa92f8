"""Smoke tests for the sales service (happy paths only). Run: python -m pytest -q tests/visible"""

import os
import tempfile

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")

from fastapi.testclient import TestClient

from app.main import app


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_order_round_trip():
    with TestClient(app) as client:
        product = client.get("/products").json()[0]
        customer = client.post("/customers", json={"name": "Smoke"}).json()
        r = client.post(
            "/orders",
            json={"customer_id": customer["id"], "items": [{"product_id": product["id"], "quantity": 2}]},
        )
        assert r.status_code == 201
        assert r.json()["total_cents"] == 2 * product["price_cents"]


def test_march_report():
    with TestClient(app) as client:
        r = client.get("/reports/sales", params={"from": "2024-03-01", "to": "2024-03-31"})
        assert r.status_code == 200
        report = r.json()
        assert report["order_count"] == 414
        assert report["total_revenue_cents"] == 37366880
        assert [c["category"] for c in report["categories"]] == sorted(
            c["category"] for c in report["categories"]
        )
