"""Smoke tests for the payments API (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")

from fastapi.testclient import TestClient

from app.main import app


def _headers(client_id: str, key: str) -> dict[str, str]:
    return {"X-Client-Id": client_id, "Idempotency-Key": key}


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_create_and_replay():
    cid, key = f"smoke-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    body = {"amount": 1250, "currency": "EUR", "description": "smoke"}
    with TestClient(app) as client:
        first = client.post("/payments", json=body, headers=_headers(cid, key))
        assert first.status_code == 201
        assert first.json()["amount"] == 1250
        again = client.post("/payments", json=body, headers=_headers(cid, key))
        assert again.status_code == 201
        assert again.json() == first.json()
        assert again.headers["Idempotent-Replayed"] == "true"
        listed = client.get("/payments", headers={"X-Client-Id": cid}).json()
        assert [p["id"] for p in listed] == [first.json()["id"]]


def test_missing_key_is_400():
    with TestClient(app) as client:
        r = client.post(
            "/payments", json={"amount": 1, "currency": "EUR"}, headers={"X-Client-Id": "smoke"}
        )
        assert r.status_code == 400
