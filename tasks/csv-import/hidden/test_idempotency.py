"""Re-uploading the same bytes returns the same job; different bytes make a new job."""

import os
import sys
import threading

sys.path.insert(0, os.path.dirname(__file__))

import httpx
import pytest
from helpers import HEADER, csv_bytes, email, records, submit, wait_done


@pytest.mark.critical
def test_same_file_same_job(client):
    data = csv_bytes([HEADER, f"{email()},Once,1,DE"])
    first = submit(client, data)
    assert first.status_code == 202
    job = wait_done(client, first.json()["id"])
    again = submit(client, data)
    assert again.status_code == 200, again.status_code
    assert str(again.json()["id"]) == str(job["id"])
    assert str(job["id"]) in again.headers.get("location", "")
    assert len(records(client, job["id"])) == 1
    other = submit(client, data + b"\n")
    assert other.status_code == 202 and str(other.json()["id"]) != str(job["id"])


def test_concurrent_identical_uploads_make_one_job(client, base_url):
    data = csv_bytes([HEADER] + [f"{email()},Burst {i},1,DE" for i in range(20)])
    n = 6
    barrier = threading.Barrier(n)
    results: list[object] = [None] * n

    def send(i: int) -> None:
        with httpx.Client(base_url=base_url, timeout=30) as c:
            c.get("/healthz")
            barrier.wait()
            results[i] = c.post("/imports", content=data, headers={"Content-Type": "text/csv"})

    threads = [threading.Thread(target=send, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(isinstance(r, httpx.Response) for r in results), results
    codes = sorted(r.status_code for r in results)  # type: ignore[union-attr]
    assert codes == [200] * (n - 1) + [202], codes
    ids = {str(r.json()["id"]) for r in results}  # type: ignore[union-attr]
    assert len(ids) == 1
    job = wait_done(client, ids.pop())
    assert job["imported_rows"] == 20
    assert len(records(client, job["id"])) == 20
