"""Load-probe setup: one user with a read key, a read/write key and 30 items."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    email = f"load-{uuid.uuid4().hex[:10]}@example.com"
    with httpx.Client(base_url=base_url, timeout=30) as c:
        c.post(
            "/auth/register", json={"email": email, "password": "load-Pass-123"}
        ).raise_for_status()
        r = c.post("/auth/token", data={"username": email, "password": "load-Pass-123"})
        auth = {"Authorization": f"Bearer {r.raise_for_status().json()['access_token']}"}

        def key(*scopes: str) -> str:
            body = {"name": f"load {'+'.join(scopes)}", "scopes": list(scopes)}
            return str(
                c.post("/api-keys", json=body, headers=auth).raise_for_status().json()["key"]
            )

        reader, writer = key("read:items"), key("read:items", "write:items")
        items = []
        for i in range(30):
            body = {"name": f"item {i}", "quantity": i}
            r = c.post("/items", json=body, headers={"X-API-Key": writer})
            items.append(r.raise_for_status().json()["id"])
    return {"reader": reader, "writer": writer, "item": items}
