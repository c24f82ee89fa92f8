"""Load-probe setup: 60 customers (a few soft-deleted) the mix reads and searches."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    words = ["amber", "birch", "cedar", "dune", "ember"]
    staff = {"X-Actor": "load", "X-Role": "staff"}
    customers = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(60):
            body = {"name": f"{words[i % 5]} {tag} {i}", "email": f"load{tag}{i}@example.com",
                    "notes": "lorem ipsum " * 10}
            cid = c.post("/customers", json=body, headers=staff).raise_for_status().json()["id"]
            if i % 10 == 9:
                c.delete(f"/customers/{cid}", headers=staff).raise_for_status()
            else:
                customers.append(cid)
    return {"customer": customers, "word": [f"{w} {tag}" for w in words]}
