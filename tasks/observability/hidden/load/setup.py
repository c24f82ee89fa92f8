"""Load-probe setup: 50 items the mix reads by id."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    with httpx.Client(base_url=base_url, timeout=30) as c:
        items = [
            c.post("/items", json={"name": f"load {tag} {i}", "price_cents": 100 + i, "stock": i})
            .raise_for_status()
            .json()["id"]
            for i in range(50)
        ]
    return {"item": items}
