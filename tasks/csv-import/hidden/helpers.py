"""Shared helpers for the csv-import hidden tests (imported, never collected)."""

import time
import uuid

import httpx

HEADER = "email,name,age,country"
DONE = ("completed", "failed")


def email() -> str:
    return f"p-{uuid.uuid4().hex[:10]}@example.com"


def csv_bytes(lines: list[str], newline: str = "\n", bom: bool = False) -> bytes:
    text = newline.join(lines) + newline
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def submit(client: httpx.Client, data: bytes) -> httpx.Response:
    return client.post("/imports", content=data, headers={"Content-Type": "text/csv"})


def wait_done(client: httpx.Client, job_id: object, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(f"/imports/{job_id}")
        assert r.status_code == 200, (r.status_code, r.text)
        job = r.json()
        if job["status"] in DONE:
            return job
        assert job["status"] in ("queued", "processing"), job["status"]
        assert time.monotonic() < deadline, f"import still {job['status']} after {timeout}s"
        time.sleep(0.1)


def run(client: httpx.Client, data: bytes) -> dict:
    r = submit(client, data)
    assert r.status_code == 202, (r.status_code, r.text)
    return wait_done(client, r.json()["id"])


def records(client: httpx.Client, job_id: object) -> list[dict]:
    r = client.get(f"/imports/{job_id}/records", params={"limit": 1000})
    assert r.status_code == 200, r.text
    return r.json()["items"]


def error_lines(job: dict) -> list[int]:
    return sorted({e["line"] for e in job["errors"]})
