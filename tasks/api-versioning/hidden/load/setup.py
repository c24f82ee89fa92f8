"""Load-probe setup: 100 customers made through v2, plus a few issued v2 cursors."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    customers = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(100):
            body = {
                "given_name": f"Load {i}",
                "family_name": "Tester" if i % 2 else "",
                "email": f"load{i}.{tag}@example.com",
                "balance": {"amount": f"{i}.50", "currency": "EUR"},
            }
            customers.append(c.post("/v2/customers", json=body).raise_for_status().json()["id"])
        cursors, cursor = [], None
        for _ in range(5):
            params = {"limit": 20} | ({"cursor": cursor} if cursor else {})
            cursor = c.get("/v2/customers", params=params).raise_for_status().json()["next_cursor"]
            if cursor is None:
                break
            cursors.append(cursor)
    return {"customer": customers, "cursor": cursors}
