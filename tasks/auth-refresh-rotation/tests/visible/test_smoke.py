"""Smoke tests (happy paths only). Run: cd /workspace && python -m pytest -q tests/visible"""

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
    return email, r.json()


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_login_and_me():
    with TestClient(app) as client:
        email, tokens = _login(client)
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        r = client.get("/users/me", headers=headers)
        assert r.status_code == 200
        assert r.json()["email"] == email


def test_refresh_gives_a_new_pair():
    with TestClient(app) as client:
        email, tokens = _login(client)
        r = client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert r.status_code == 200
        assert r.json()["refresh_token"] != tokens["refresh_token"]
        headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
        assert client.get("/users/me", headers=headers).json()["email"] == email
