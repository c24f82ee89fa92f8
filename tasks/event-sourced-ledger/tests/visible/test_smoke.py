"""Smoke tests for the ledger (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_open_deposit_and_history():
    with TestClient(app) as client:
        acc = client.post("/accounts", json={"owner": "Ada"}).json()
        assert acc["balance"] == 0 and acc["version"] == 1
        r = client.post(f"/accounts/{acc['id']}/deposits", json={"amount": 250})
        assert r.status_code == 201
        assert r.json()["balance"] == 250 and r.json()["version"] == 2
        history = client.get(f"/accounts/{acc['id']}/events").json()
        assert [e["type"] for e in history] == ["AccountOpened", "MoneyDeposited"]


def test_transfer_and_rebuild():
    with TestClient(app) as client:
        a = client.post("/accounts", json={"owner": "A"}).json()
        b = client.post("/accounts", json={"owner": "B"}).json()
        client.post(f"/accounts/{a['id']}/deposits", json={"amount": 100})
        r = client.post(
            "/transfers",
            json={"from_account_id": a["id"], "to_account_id": b["id"], "amount": 40},
        )
        assert r.status_code == 201
        admin = {"X-Admin-Token": os.environ["APP_SECRET"]}
        assert client.post("/admin/rebuild-projections", headers=admin).status_code == 200
        assert client.get(f"/accounts/{a['id']}").json()["balance"] == 60
        assert client.get(f"/accounts/{b['id']}/statement").json()["entries"][0]["amount"] == 40
