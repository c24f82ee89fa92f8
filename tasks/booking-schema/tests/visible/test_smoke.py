"""Smoke tests for the booking service (happy paths only). Run: python -m pytest -q tests/visible

They use the PostgreSQL database named by DATABASE_URL, as the service does.
"""

import uuid

from fastapi.testclient import TestClient

from app.main import app


def _resource(client: TestClient) -> str:
    r = client.post("/resources", json={"name": f"room-{uuid.uuid4().hex[:8]}"})
    assert r.status_code == 201
    return r.json()["id"]


def _book(client: TestClient, rid: str, start: str, end: str):
    return client.post(
        "/bookings", json={"resource_id": rid, "start": start, "end": end, "customer": "Ann"}
    )


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_book_and_conflict():
    with TestClient(app) as client:
        rid = _resource(client)
        r = _book(client, rid, "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z")
        assert r.status_code == 201
        assert r.json()["status"] == "active"
        assert _book(client, rid, "2030-01-07T09:30:00Z", "2030-01-07T10:30:00Z").status_code == 409


def test_availability_of_empty_resource():
    with TestClient(app) as client:
        rid = _resource(client)
        r = client.get(
            f"/resources/{rid}/availability",
            params={"from": "2030-01-07T08:00:00Z", "to": "2030-01-07T18:00:00Z"},
        )
        assert r.status_code == 200
        assert len(r.json()["free"]) == 1
