"""Smoke tests (happy paths only). Run: cd /workspace && python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def _login(client: TestClient) -> dict:
    email, password = f"smoke-{uuid.uuid4().hex[:8]}@example.com", "correct horse battery"
    assert (
        client.post("/auth/register", json={"email": email, "password": password}).status_code
        == 201
    )
    r = client.post("/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_create_key_and_use_it():
    with TestClient(app) as client:
        headers = _login(client)
        body = {"name": "ci", "scopes": ["read:items", "write:items"]}
        r = client.post("/api-keys", json=body, headers=headers)
        assert r.status_code == 201
        key = r.json()["key"]
        assert r.json()["prefix"] == key[:12]
        r = client.post("/items", json={"name": "bolts", "quantity": 5}, headers={"X-API-Key": key})
        assert r.status_code == 201
        listed = client.get("/items", headers={"X-API-Key": key}).json()
        assert [i["name"] for i in listed] == ["bolts"]


def test_listing_keys_shows_prefix():
    with TestClient(app) as client:
        headers = _login(client)
        created = client.post(
            "/api-keys", json={"name": "reader", "scopes": ["read:items"]}, headers=headers
        ).json()
        listed = client.get("/api-keys", headers=headers).json()
        assert [k["prefix"] for k in listed] == [created["prefix"]]
