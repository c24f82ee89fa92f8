"""Smoke tests for the customer service (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def email() -> str:
    return f"smoke-{uuid.uuid4().hex[:8]}@example.com"


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_v1_create_then_get():
    with TestClient(app) as client:
        body = {"name": "Ada Lovelace", "email": email(), "balance": "12.50", "currency": "GBP"}
        r = client.post("/v1/customers", json=body)
        assert r.status_code == 201
        c = r.json()
        assert (c["name"], c["balance"], c["currency"]) == ("Ada Lovelace", "12.50", "GBP")
        assert client.get(f"/v1/customers/{c['id']}").json()["email"] == body["email"]


def test_v2_reads_v1_customer():
    with TestClient(app) as client:
        body = {"name": "Grace Hopper", "email": email(), "balance": "3.00", "currency": "USD"}
        c = client.post("/v1/customers", json=body).json()
        r = client.get(f"/v2/customers/{c['id']}")
        assert r.status_code == 200
        got = r.json()
        assert (got["given_name"], got["family_name"]) == ("Grace", "Hopper")
        assert got["balance"] == {"amount": "3.00", "currency": "USD"}
