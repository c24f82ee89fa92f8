"""Smoke tests for the contact importer (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import time
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from app.main import app
from fastapi.testclient import TestClient


def wait_done(client: TestClient, job_id: object) -> dict:
    for _ in range(100):
        job = client.get(f"/imports/{job_id}").json()
        if job["status"] in ("completed", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError("import did not finish")


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_import_with_one_bad_row():
    tag = uuid.uuid4().hex[:8]
    data = f"email,name,age,country\nann-{tag}@example.com,Ann,31,DE\nbroken,Bob,2,DE\n".encode()
    with TestClient(app) as client:
        r = client.post("/imports", content=data, headers={"Content-Type": "text/csv"})
        assert r.status_code == 202, r.text
        job = wait_done(client, r.json()["id"])
        assert job["status"] == "completed"
        assert (job["imported_rows"], job["failed_rows"]) == (1, 1)
        assert job["errors"][0]["line"] == 3
        rows = client.get(f"/imports/{job['id']}/records").json()["items"]
        assert [(row["line"], row["name"]) for row in rows] == [(2, "Ann")]
