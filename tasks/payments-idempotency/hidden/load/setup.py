"""Load-probe setup: one merchant with 20 payments; the mix reads them back and lists them."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    merchant = f"load-{uuid.uuid4().hex[:12]}"
    payments: list[str] = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(20):
            r = c.post(
                "/payments",
                json={"amount": 100 + i, "currency": "EUR", "description": f"load {i}"},
                headers={"X-Client-Id": merchant, "Idempotency-Key": uuid.uuid4().hex},
            )
            payments.append(r.raise_for_status().json()["id"])
    return {"client": merchant, "pay": payments}
