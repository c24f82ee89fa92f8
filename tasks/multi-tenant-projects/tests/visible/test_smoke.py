"""Smoke tests (happy paths only). Run: cd /workspace && python -m pytest -q tests/visible

They use the service's DATABASE_URL (the PostgreSQL sidecar in the sandbox).
"""

import os
import uuid

os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def _tenant(client: TestClient) -> dict:
    email, password = f"smoke-{uuid.uuid4().hex[:8]}@example.com", "correct horse battery"
    body = {"name": "Acme", "admin_email": email, "admin_password": password}
    r = client.post("/tenants", json=body)
    assert r.status_code == 201
    assert r.json()["admin"]["role"] == "admin"
    r = client.post("/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_projects_and_tasks():
    with TestClient(app) as client:
        headers = _tenant(client)
        r = client.post("/projects", json={"name": "Website"}, headers=headers)
        assert r.status_code == 201
        project_id = r.json()["id"]
        r = client.post(f"/projects/{project_id}/tasks", json={"title": "Logo"}, headers=headers)
        assert r.status_code == 201 and r.json()["status"] == "todo"
        tasks = client.get(f"/projects/{project_id}/tasks", headers=headers).json()
        assert [t["title"] for t in tasks] == ["Logo"]


def test_tenants_do_not_see_each_other():
    with TestClient(app) as client:
        first, second = _tenant(client), _tenant(client)
        project_id = client.post("/projects", json={"name": "Secret"}, headers=first).json()["id"]
        assert client.get(f"/projects/{project_id}", headers=second).status_code == 404
        assert client.get("/projects", headers=second).json() == []
