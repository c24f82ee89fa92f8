"""Smoke tests for the catalog service (happy paths only). Run: python -m pytest -q tests/visible"""

import os
import tempfile

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")

from fastapi.testclient import TestClient

from app.main import app


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_item_round_trip_carries_request_id():
    with TestClient(app) as client:
        r = client.post("/items", json={"name": "Mug", "price_cents": 900})
        assert r.status_code == 201
        got = client.get(f"/items/{r.json()['id']}", headers={"X-Request-ID": "smoke-1"})
        assert got.status_code == 200
        assert got.headers["x-request-id"] == "smoke-1"


def test_metrics_exposed():
    with TestClient(app) as client:
        client.get("/items")
        r = client.get("/metrics")
        assert r.status_code == 200
        assert "http_requests_total" in r.text
