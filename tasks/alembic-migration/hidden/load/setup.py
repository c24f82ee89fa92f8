"""Load-probe setup: 40 customers with two orders each; the mix reads customers, filters by
e-mail and lists orders."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    customers, emails = [], []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(40):
            email = f"load{i}.{tag}@example.com"
            body = {"first_name": f"Load {i}", "last_name": "Tester", "email": email}
            cid = c.post("/customers", json=body).raise_for_status().json()["id"]
            for cents in (1999, 250):
                c.post(f"/customers/{cid}/orders", json={"amount_cents": cents}).raise_for_status()
            customers.append(cid)
            emails.append(email)
    return {"customer": customers, "email": emails}
