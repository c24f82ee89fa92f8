"""Smoke tests for the chat rooms (happy paths). Run: python -m pytest -q tests/visible"""

import os
import uuid

os.environ.setdefault("REDIS_URL", "redis://localhost:6379/0")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def _token(client: TestClient) -> str:
    r = client.post("/auth/login", json={"username": f"smoke_{uuid.uuid4().hex[:8]}"})
    assert r.status_code == 200
    return r.json()["token"]


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_join_send_receive_and_history():
    room = f"smoke-{uuid.uuid4().hex[:8]}"
    with TestClient(app) as client:
        token = _token(client)
        with client.websocket_connect(f"/ws/rooms/{room}?token={token}") as ws:
            assert ws.receive_json()["type"] == "joined"
            ws.send_json({"text": "hi there"})
            msg = ws.receive_json()
            assert msg["type"] == "message" and msg["text"] == "hi there"
        r = client.get(f"/rooms/{room}/messages", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200
        assert [m["text"] for m in r.json()["messages"]] == ["hi there"]
