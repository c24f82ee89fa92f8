"""Load-probe setup: five finished imports of 200 rows; the mix polls jobs and pages records."""

import time
import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    jobs = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for _ in range(5):
            tag = uuid.uuid4().hex[:8]
            lines = ["email,name,age,country"]
            lines += [f"u{i}.{tag}@example.com,User {i},{i % 90},DE" for i in range(200)]
            body = ("\n".join(lines) + "\n").encode()
            r = c.post("/imports", content=body, headers={"Content-Type": "text/csv"})
            jobs.append(r.raise_for_status().json()["id"])
        deadline = time.monotonic() + 60
        for job in jobs:
            while c.get(f"/imports/{job}").json()["status"] not in ("completed", "failed"):
                if time.monotonic() > deadline:
                    raise RuntimeError("setup imports did not finish")
                time.sleep(0.2)
    return {"job": jobs, "offset": [0, 50, 100, 150]}
