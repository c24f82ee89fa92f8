"""Smoke tests for the notes service (happy paths only). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def _login(client: TestClient) -> tuple[str, dict]:
    email, password = f"smoke-{uuid.uuid4().hex[:8]}@example.com", "correct horse battery"
    r = client.post("/auth/register", json={"email": email, "password": password})
    assert r.status_code == 201
    r = client.post("/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200
    assert r.json()["token_type"] == "bearer"
    return email, {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_register_login_me():
    with TestClient(app) as client:
        email, headers = _login(client)
        r = client.get("/users/me", headers=headers)
        assert r.status_code == 200
        assert r.json()["email"] == email


def test_create_and_list_notes():
    with TestClient(app) as client:
        _, headers = _login(client)
        r = client.post("/notes", json={"title": "Ideas", "body": "ship it"}, headers=headers)
        assert r.status_code == 201
        listed = client.get("/notes", headers=headers).json()
        assert [n["title"] for n in listed] == ["Ideas"]
