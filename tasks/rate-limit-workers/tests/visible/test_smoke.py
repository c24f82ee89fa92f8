"""Smoke tests for the rate-limited API (happy paths). Run: python -m pytest -q tests/visible"""

import os
import uuid

os.environ.setdefault("REDIS_URL", "redis://localhost:6379/0")

from fastapi.testclient import TestClient

from app.main import app

LIMIT = int(os.environ.get("RATE_LIMIT", "5"))


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_ping_names_the_client():
    key = f"smoke-{uuid.uuid4().hex}"
    with TestClient(app) as client:
        r = client.get("/api/ping", headers={"X-API-Key": key})
        assert r.status_code == 200
        assert r.json() == {"ok": True, "client": key}
        assert r.headers["X-RateLimit-Limit"] == str(LIMIT)


def test_limit_then_429():
    key = f"smoke-{uuid.uuid4().hex}"
    with TestClient(app) as client:
        codes = [
            client.get("/api/ping", headers={"X-API-Key": key}).status_code
            for _ in range(LIMIT + 1)
        ]
        assert codes == [200] * LIMIT + [429]
