"""Load-probe setup: funded accounts the mix reads, deposits to and transfers between."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    with httpx.Client(base_url=base_url, timeout=30) as c:
        accounts = []
        for i in range(40):
            aid = c.post("/accounts", json={"owner": f"load {tag} {i}"}).raise_for_status().json()["id"]
            c.post(f"/accounts/{aid}/deposits", json={"amount": 10**9}).raise_for_status()
            for k in range(5):
                c.post(f"/accounts/{aid}/deposits", json={"amount": 100 + k}).raise_for_status()
            accounts.append(aid)
    return {"account": accounts[:20], "payer": accounts[20:30], "payee": accounts[30:]}
