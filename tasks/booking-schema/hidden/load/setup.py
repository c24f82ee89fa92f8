"""Load-probe setup: 10 resources with 8 bookings each on 2032-01-05; the mix reads bookings,
lists a day and computes its availability."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    resources, bookings = [], []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(10):
            r = c.post("/resources", json={"name": f"load-{uuid.uuid4().hex[:8]}-{i}"})
            rid = r.raise_for_status().json()["id"]
            resources.append(rid)
            for h in range(8, 24, 2):
                body = {
                    "resource_id": rid,
                    "start": f"2032-01-05T{h:02d}:00:00Z",
                    "end": f"2032-01-05T{h + 1:02d}:00:00Z",
                    "customer": f"load customer {h}",
                }
                bookings.append(c.post("/bookings", json=body).raise_for_status().json()["id"])
    return {"resource": resources, "booking": bookings}
