"""Load-probe setup: 30 products in 3 categories and a wishlist; every product detail and
category summary is read once so the probe measures cached reads (a miss costs
COMPUTE_DELAY_MS by design)."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    cats = [f"load-{tag}-{i}" for i in range(3)]
    user = f"load-user-{tag}"
    ids: list[int] = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(30):
            body = {
                "sku": f"LOAD-{tag}-{i}",
                "name": f"load product {i}",
                "category": cats[i % 3],
                "price_cents": 100 + i,
                "stock": i,
            }
            ids.append(c.post("/products", json=body).raise_for_status().json()["id"])
        for pid in ids[:5]:
            c.put(f"/me/wishlist/{pid}", json={"note": "load"}, headers={"X-User-Id": user})
        for pid in ids:
            c.get(f"/products/{pid}").raise_for_status()
        for cat in cats:
            c.get("/catalog/summary", params={"category": cat}).raise_for_status()
    return {"product": ids, "category": cats, "user": user}
