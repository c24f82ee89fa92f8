"""Load-probe setup: 200 products in 4 fresh categories, plus a second-page cursor per category."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    categories = [f"load-{tag}-{i}" for i in range(4)]
    products = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(200):
            body = {
                "name": f"Load product {i}",
                "category": categories[i % 4],
                "price_cents": 100 + (i * 37) % 5000,
                "stock": i % 7,
            }
            products.append(c.post("/products", json=body).raise_for_status().json()["id"])
        cursors = []
        for cat in categories:
            params = {"category": cat, "sort": "-price_cents", "limit": 10}
            page = c.get("/products", params=params).raise_for_status().json()
            cursors.append(page["next_cursor"])
    # A cursor is bound to its sort, not its filter, so any category's cursor is a valid query.
    return {"product": products, "category": categories, "cursor": cursors}
