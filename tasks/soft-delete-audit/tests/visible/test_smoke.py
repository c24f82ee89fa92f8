"""Smoke tests for the customer-records service. Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")

from fastapi.testclient import TestClient

from app.main import app

ADMIN = {"X-Actor": "root", "X-Role": "admin"}


def _customer(client: TestClient) -> dict:
    body = {"name": "Ann Example", "email": f"{uuid.uuid4().hex[:8]}@example.com"}
    r = client.post("/customers", json=body, headers={"X-Actor": "alice", "X-Role": "staff"})
    assert r.status_code == 201
    return r.json()


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_soft_delete_and_restore():
    with TestClient(app) as client:
        c = _customer(client)
        assert client.delete(f"/customers/{c['id']}").status_code == 204
        assert client.get(f"/customers/{c['id']}").status_code == 404
        assert client.post(f"/admin/customers/{c['id']}/restore", headers=ADMIN).status_code == 200
        assert client.get(f"/customers/{c['id']}").status_code == 200


def test_create_is_audited():
    with TestClient(app) as client:
        c = _customer(client)
        r = client.get("/admin/audit", params={"customer_id": c["id"]}, headers=ADMIN)
        assert r.status_code == 200
        assert [(e["action"], e["actor"]) for e in r.json()] == [("create", "alice")]
