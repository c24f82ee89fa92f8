"""Smoke tests for the transfers service (happy paths only). Run: python -m pytest -q tests/visible

They use the PostgreSQL database named by DATABASE_URL, as the service does.
"""

import uuid

from fastapi.testclient import TestClient

from app.main import app


def _account(client: TestClient, initial: str) -> dict:
    r = client.post(
        "/accounts", json={"owner": f"smoke-{uuid.uuid4().hex[:8]}", "initial_balance": initial}
    )
    assert r.status_code == 201
    return r.json()


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_create_account_formats_money():
    with TestClient(app) as client:
        assert _account(client, "12.5")["balance"] == "12.50"


def test_transfer_moves_money():
    with TestClient(app) as client:
        a, b = _account(client, "100.00"), _account(client, "0")
        r = client.post(
            "/transfers",
            json={"from_account_id": a["id"], "to_account_id": b["id"], "amount": "30.00"},
        )
        assert r.status_code == 201
        assert client.get(f"/accounts/{a['id']}").json()["balance"] == "70.00"
        assert client.get(f"/accounts/{b['id']}").json()["balance"] == "30.00"
        history = client.get(f"/accounts/{b['id']}/transfers").json()
        assert [t["id"] for t in history] == [r.json()["id"]]
