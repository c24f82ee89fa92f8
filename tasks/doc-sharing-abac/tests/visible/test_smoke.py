"""Smoke tests (happy paths only). Run: cd /workspace && python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def _user(client: TestClient, department: str = "sales") -> tuple[str, dict]:
    email, password = f"smoke-{uuid.uuid4().hex[:8]}@example.com", "correct horse battery"
    body = {"email": email, "password": password, "department": department}
    assert client.post("/auth/register", json=body).status_code == 201
    r = client.post("/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200
    return email, {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_create_share_and_read():
    with TestClient(app) as client:
        _, owner = _user(client)
        reader_email, reader = _user(client)
        r = client.post("/documents", json={"title": "Plan", "content": "q3"}, headers=owner)
        assert r.status_code == 201 and r.json()["link_sharing"] is False
        doc_id = r.json()["id"]
        r = client.post(
            f"/documents/{doc_id}/shares",
            json={"email": reader_email, "role": "viewer"},
            headers=owner,
        )
        assert r.status_code in (200, 201)
        r = client.get(f"/documents/{doc_id}", headers=reader)
        assert r.status_code == 200 and r.json()["access"] == "viewer"


def test_share_link():
    with TestClient(app) as client:
        _, owner = _user(client)
        doc_id = client.post("/documents", json={"title": "Menu"}, headers=owner).json()["id"]
        r = client.put(f"/documents/{doc_id}/link", json={"enabled": True}, headers=owner)
        assert r.status_code == 200
        assert client.get(f"/shared/{r.json()['token']}").json()["title"] == "Menu"
