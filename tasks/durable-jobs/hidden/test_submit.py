"""Submitting a job: 202 with a queued job and its Location; invalid submissions are rejected."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import MAX_ATTEMPTS, fetch, unique


@pytest.mark.critical
def test_submit_returns_202_queued_with_location(client):
    r = client.post("/jobs", json={"type": "increment", "payload": {"counter": unique("c")}})
    assert r.status_code == 202, (r.status_code, r.text)
    job = r.json()
    assert job["status"] == "queued", job
    assert job["attempts"] == 0 and job["max_attempts"] == MAX_ATTEMPTS, job
    assert job["type"] == "increment" and job["result"] is None
    assert r.headers.get("location", "").endswith(f"/jobs/{job['id']}"), r.headers
    assert fetch(job["id"])["id"] == job["id"]


def test_work_does_not_run_inside_the_request(client):
    r = client.post(
        "/jobs", json={"type": "increment", "payload": {"counter": unique("c"), "work_ms": 800}}
    )
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "queued", r.json()
    assert r.json()["result"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"type": "teleport", "payload": {}},
        {"payload": {"message": "no type"}},
        {"type": "flaky", "payload": {"fail_times": -1}},
        {"type": "flaky", "payload": {"fail_times": 11}},
        {"type": "flaky", "payload": {"fail_times": "two"}},
        {"type": "flaky", "payload": {}},
        {"type": "increment", "payload": {"amount": 3}},
        {"type": "increment", "payload": {"counter": "c", "work_ms": 60000}},
    ],
    ids=[
        "unknown-type",
        "no-type",
        "negative",
        "too-many",
        "string",
        "flaky-empty",
        "no-counter",
        "work-too-long",
    ],
)
def test_invalid_submission_is_422(client, body):
    r = client.post("/jobs", json=body)
    assert r.status_code in (400, 422), (r.status_code, r.text)


def test_unknown_job_is_404(client):
    assert client.get(f"/jobs/{uuid.uuid4().hex}").status_code == 404
