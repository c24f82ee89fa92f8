"""Smoke tests for the webhook sender (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")

from fastapi.testclient import TestClient

from app.main import app


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_subscription_hides_its_secret():
    with TestClient(app) as client:
        secret = "whsec_" + uuid.uuid4().hex
        r = client.post(
            "/subscriptions",
            json={"url": "http://receiver.example:9000/hook", "event_types": ["a"], "secret": secret},
        )
        assert r.status_code == 201
        assert secret not in r.text
        assert secret not in client.get(f"/subscriptions/{r.json()['id']}").text


def test_event_creates_a_delivery_and_file_urls_are_refused():
    with TestClient(app) as client:
        event_type = f"order.{uuid.uuid4().hex[:8]}"
        client.post(
            "/subscriptions",
            json={"url": "http://receiver.example:9000/hook", "event_types": [event_type],
                  "secret": "s" * 20},
        )
        r = client.post("/events", json={"type": event_type, "data": {"n": 1}})
        assert r.status_code == 202
        log = client.get(f"/events/{r.json()['id']}/deliveries").json()
        assert len(log) == 1
        bad = client.post(
            "/subscriptions",
            json={"url": "file:///etc/passwd", "event_types": ["a"], "secret": "s" * 20},
        )
        assert bad.status_code == 422
