"""Smoke tests for the notification-preferences service. Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")

from fastapi.testclient import TestClient

from app.main import app


def test_health_and_design_documents():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200
        adr = client.get("/design/adr")
        assert adr.status_code == 200
        assert "Alternatives considered" in adr.text
        doc = client.get("/design/openapi.json").json()
        assert "/users/{user_id}/decisions" in doc["paths"]


def test_default_preferences():
    with TestClient(app) as client:
        r = client.get(f"/users/u-{uuid.uuid4().hex[:8]}/preferences")
        assert r.status_code == 200
        assert r.json()["channels"] == {"email": True, "sms": False, "push": True}


def test_opt_out_decision():
    with TestClient(app) as client:
        uid = f"u-{uuid.uuid4().hex[:8]}"
        body = {"channels": {"email": True, "sms": True, "push": True}, "opted_out": ["marketing"]}
        assert client.put(f"/users/{uid}/preferences", json=body).status_code == 200
        r = client.post(
            f"/users/{uid}/decisions",
            json={"category": "marketing", "channel": "email", "at": "2030-01-01T12:00:00Z"},
        )
        assert r.json() == {"deliver": False, "reason": "category_opted_out"}
