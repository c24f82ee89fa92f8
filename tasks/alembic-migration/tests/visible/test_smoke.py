"""Smoke tests for the migrated shop service. Run: python -m pytest -q tests/visible

They use the PostgreSQL database named by DATABASE_URL; starting the app runs the migrations.
"""

import uuid

from fastapi.testclient import TestClient

from app.main import app


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_legacy_customer_was_split():
    with TestClient(app) as client:
        found = client.get("/customers", params={"email": "ada@legacy.example"}).json()
        assert [(c["first_name"], c["last_name"]) for c in found] == [("Ada", "Lovelace")]


def test_new_customer_and_order_in_cents():
    with TestClient(app) as client:
        r = client.post(
            "/customers",
            json={
                "first_name": "Ann",
                "last_name": "Lee",
                "email": f"{uuid.uuid4().hex}@example.com",
            },
        )
        assert r.status_code == 201
        assert r.json()["full_name"] == "Ann Lee"
        r = client.post(f"/customers/{r.json()['id']}/orders", json={"amount_cents": 1250})
        assert r.status_code == 201
        assert r.json()["amount_cents"] == 1250
