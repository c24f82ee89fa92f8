"""Smoke tests for the notes service (happy paths only). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def _account(client: TestClient) -> dict:
    username, password = f"smoke_{uuid.uuid4().hex[:8]}", "correct horse battery"
    r = client.post("/users", json={"username": username, "password": password})
    assert r.status_code == 201
    r = client.post("/auth/login", json={"username": username, "password": password})
    assert r.status_code == 200
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_me():
    with TestClient(app) as client:
        r = client.get("/users/me", headers=_account(client))
        assert r.status_code == 200
        assert r.json()["is_admin"] is False


def test_create_and_search_notes():
    with TestClient(app) as client:
        headers = _account(client)
        r = client.post("/notes", json={"title": "Ideas", "body": "ship it"}, headers=headers)
        assert r.status_code == 201
        found = client.get("/notes/search", params={"q": "ship"}, headers=headers).json()
        assert [n["title"] for n in found] == ["Ideas"]
