"""Shared helpers for the durable-jobs hidden tests (imported, never collected)."""

import os
import threading
import time
import uuid

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
MAX_ATTEMPTS = int(os.environ.get("JOB_MAX_ATTEMPTS", "3"))
BACKOFF = float(os.environ.get("JOB_BACKOFF_SECONDS", "0.5"))
FINAL = ("succeeded", "failed")
# Every request on this client uses a new connection, so polls spread over the worker processes.
_FRESH = httpx.Client(base_url=BASE_URL, timeout=10, verify=False, headers={"Connection": "close"})


def unique(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:12]}"


def submit(client: httpx.Client, job_type: str, payload: dict) -> dict:
    r = client.post("/jobs", json={"type": job_type, "payload": payload})
    assert r.status_code == 202, (r.status_code, r.text)
    return r.json()


def fetch(job_id: str) -> dict:
    """GET the job over a fresh connection (so requests spread over the worker processes)."""
    r = _FRESH.get(f"/jobs/{job_id}")
    assert r.status_code == 200, (job_id, r.status_code, r.text)
    return r.json()


def wait_final(job_id: str, timeout: float = 15.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = fetch(job_id)
        if job["status"] in FINAL:
            return job
        assert time.monotonic() < deadline, f"job not finished after {timeout} s: {job}"
        time.sleep(0.05)


def counter_value(client: httpx.Client, name: str) -> int:
    r = client.get(f"/counters/{name}")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()["value"]


def parallel_submit(jobs: list[tuple[str, dict]]) -> list[dict]:
    """Submit all jobs at the same moment, one thread each."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def send(i: int) -> None:
        with httpx.Client(base_url=BASE_URL, timeout=60, verify=False) as c:
            c.get("/healthz")
            barrier.wait()
            try:
                job_type, payload = jobs[i]
                results[i] = c.post("/jobs", json={"type": job_type, "payload": payload})
            except httpx.HTTPError as e:
                results[i] = e

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    bad = [r for r in results if not isinstance(r, httpx.Response) or r.status_code != 202]
    assert not bad, [getattr(r, "text", r) for r in bad]
    return [r.json() for r in results]  # type: ignore[union-attr]
