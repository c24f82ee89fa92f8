"""Load-probe setup: customers, products and orders the mix reads, quotes and summarises."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    with httpx.Client(base_url=base_url, timeout=30) as c:
        products = [
            c.post("/products", json={"name": f"load {tag} {i}", "price_cents": 199 + 37 * i})
            .raise_for_status()
            .json()["id"]
            for i in range(10)
        ]
        customers = [
            c.post(
                "/customers",
                json={"name": f"load {i}", "email": f"load{tag}{i}@example.com",
                      "tier": "gold" if i % 2 else "standard"},
            )
            .raise_for_status()
            .json()["id"]
            for i in range(10)
        ]
        orders = []
        for i in range(40):
            items = [{"product_id": products[(i + k) % 10], "quantity": 1 + (i * k) % 15}
                     for k in range(3)]
            body = {"customer_id": customers[i % 10], "items": items}
            orders.append(c.post("/orders", json=body).raise_for_status().json()["id"])
    return {"customer": customers, "product": products, "order": orders}
