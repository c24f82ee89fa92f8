"""Load-probe setup: a few finished jobs and counters to read; the mix reads jobs, lists
succeeded jobs, reads counters and submits echo jobs (executed by the in-process runners)."""

import time
import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    counters = [f"load-{tag}-{i}" for i in range(5)]
    jobs: list[str] = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(20):
            body = {"type": "increment", "payload": {"counter": counters[i % 5], "amount": 1}}
            jobs.append(c.post("/jobs", json=body).raise_for_status().json()["id"])
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if c.get(f"/jobs/{jobs[-1]}").json().get("status") == "succeeded":
                break
            time.sleep(0.2)
    return {"job": jobs, "counter": counters}
