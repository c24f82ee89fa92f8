"""Load-probe setup: 10 funded source accounts and 10 destination accounts; the mix reads
accounts and history and moves small amounts from sources to destinations."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    with httpx.Client(base_url=base_url, timeout=30) as c:

        def account(i: int, initial: str) -> str:
            body = {"owner": f"load-{tag}-{i}", "initial_balance": initial}
            return str(c.post("/accounts", json=body).raise_for_status().json()["id"])

        src = [account(i, "1000000.00") for i in range(10)]
        dst = [account(10 + i, "0") for i in range(10)]
    return {"src": src, "dst": dst, "acct": src + dst}
