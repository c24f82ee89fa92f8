"""Smoke tests (happy paths only). Run: cd /workspace && python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)
os.environ.setdefault("ADMIN_EMAIL", "admin@example.com")
os.environ.setdefault("ADMIN_PASSWORD", "admin-password-123")

from fastapi.testclient import TestClient

from app.main import app


def _token(client: TestClient, email: str, password: str) -> dict:
    r = client.post("/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _user(client: TestClient) -> tuple[str, dict]:
    email, password = f"smoke-{uuid.uuid4().hex[:8]}@example.com", "correct horse battery"
    r = client.post("/auth/register", json={"email": email, "password": password})
    assert r.status_code == 201
    assert r.json()["role"] == "viewer"
    return r.json()["id"], _token(client, email, password)


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_bootstrap_admin():
    with TestClient(app) as client:
        headers = _token(client, os.environ["ADMIN_EMAIL"], os.environ["ADMIN_PASSWORD"])
        assert client.get("/users/me", headers=headers).json()["role"] == "admin"


def test_author_writes_editor_publishes():
    with TestClient(app) as client:
        admin = _token(client, os.environ["ADMIN_EMAIL"], os.environ["ADMIN_PASSWORD"])
        author_id, author = _user(client)
        editor_id, editor = _user(client)
        for user_id, role in ((author_id, "author"), (editor_id, "editor")):
            r = client.put(f"/users/{user_id}/role", json={"role": role}, headers=admin)
            assert r.status_code == 200
        r = client.post("/articles", json={"title": "Hello", "body": "world"}, headers=author)
        assert r.status_code == 201 and r.json()["status"] == "draft"
        url = f"/articles/{r.json()['id']}/transition"
        assert client.post(url, json={"to": "review"}, headers=author).status_code == 200
        r = client.post(url, json={"to": "published"}, headers=editor)
        assert r.status_code == 200 and r.json()["status"] == "published"
