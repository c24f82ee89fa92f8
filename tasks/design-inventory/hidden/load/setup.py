"""Load-probe setup: well-stocked products and a few reservations the mix reads."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    with httpx.Client(base_url=base_url, timeout=30) as c:
        products = [
            c.post("/products", json={"sku": f"load-{tag}-{i}", "name": f"load {i}", "on_hand": 1_000_000})
            .raise_for_status()
            .json()["id"]
            for i in range(20)
        ]
        reservations = [
            c.post("/reservations", json={"product_id": products[i % 20], "quantity": 1})
            .raise_for_status()
            .json()["id"]
            for i in range(40)
        ]
    return {"product": products, "reservation": reservations}
