"""Smoke tests for the webhook receiver (happy paths). Run: python -m pytest -q tests/visible"""

import base64
import hashlib
import hmac
import json
import os
import tempfile
import time
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("WEBHOOK_SECRET", "whsec_smoke_test_secret_value_01")

from fastapi.testclient import TestClient

from app.main import app


def _headers(event_id: str, body: bytes) -> dict[str, str]:
    ts = str(int(time.time()))
    key = os.environ["WEBHOOK_SECRET"].encode()
    mac = hmac.new(key, f"{event_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    return {
        "Content-Type": "application/json",
        "Webhook-Id": event_id,
        "Webhook-Timestamp": ts,
        "Webhook-Signature": "v1," + base64.b64encode(mac).decode(),
    }


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_signed_event_is_processed():
    with TestClient(app) as client:
        event_id, counter = f"evt_{uuid.uuid4().hex}", f"c-{uuid.uuid4().hex[:8]}"
        body = json.dumps(
            {"type": "counter.incremented", "data": {"counter": counter, "amount": 3}}
        ).encode()
        r = client.post("/webhooks/inbound", content=body, headers=_headers(event_id, body))
        assert r.status_code == 200
        assert r.json() == {"id": event_id, "duplicate": False}
        assert client.get(f"/counters/{counter}").json()["value"] == 3
        assert client.get(f"/events/{event_id}").json()["type"] == "counter.incremented"


def test_unsigned_event_is_rejected():
    with TestClient(app) as client:
        body = b'{"type": "x", "data": {}}'
        r = client.post("/webhooks/inbound", content=body, headers={"Webhook-Id": "evt_1"})
        assert r.status_code == 401
