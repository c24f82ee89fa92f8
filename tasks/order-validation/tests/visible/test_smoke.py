"""Smoke tests for the order intake service (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid
from datetime import UTC, datetime, timedelta

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from app.main import app
from fastapi.testclient import TestClient


def tomorrow_plus(days: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=1 + days)).isoformat()


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_create_then_get():
    with TestClient(app) as client:
        body = {
            "customer_id": f"c-{uuid.uuid4().hex[:8]}",
            "currency": "EUR",
            "items": [{"sku": "AB-1", "quantity": 3, "unit_price": "19.90"}],
            "delivery_date": tomorrow_plus(10),
        }
        r = client.post("/orders", json=body)
        assert r.status_code == 201, r.text
        order = r.json()
        assert order["total"] == "59.70" and order["items"][0]["line_total"] == "59.70"
        assert client.get(f"/orders/{order['id']}").json()["total"] == "59.70"


def test_validation_problem_has_pointer():
    with TestClient(app) as client:
        body = {
            "customer_id": "c-1",
            "currency": "EUR",
            "items": [{"sku": "AB-1", "quantity": 0, "unit_price": "1.00"}],
            "delivery_date": tomorrow_plus(3),
        }
        r = client.post("/orders", json=body)
        assert r.status_code == 422
        assert r.headers["content-type"].startswith("application/problem+json")
        assert [e["pointer"] for e in r.json()["errors"]] == ["/items/0/quantity"]
