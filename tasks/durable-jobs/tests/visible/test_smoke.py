"""Smoke tests for the job service (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import time
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")

from fastapi.testclient import TestClient

from app.main import app


def _wait(client: TestClient, job_id: str, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_echo_job_runs_in_the_background():
    with TestClient(app) as client:
        r = client.post("/jobs", json={"type": "echo", "payload": {"message": "hi"}})
        assert r.status_code == 202
        assert r.json()["status"] == "queued"
        job = _wait(client, r.json()["id"])
        assert job["status"] == "succeeded"
        assert job["result"] == {"echo": "hi"}
        assert job["attempts"] == 1


def test_increment_job_changes_a_counter():
    with TestClient(app) as client:
        name = f"smoke-{uuid.uuid4().hex[:8]}"
        r = client.post("/jobs", json={"type": "increment", "payload": {"counter": name}})
        assert r.status_code == 202
        assert _wait(client, r.json()["id"])["status"] == "succeeded"
        assert client.get(f"/counters/{name}").json() == {"name": name, "value": 1}
