"""Load-probe setup: 60 orders of 20 customers; the mix reads them, lists them and adds orders
(for new customers, so the listed customers' lists do not grow during the probe)."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    customers = [f"load-{tag}-{i}" for i in range(20)]
    delivery = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    orders = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(60):
            body = {
                "customer_id": customers[i % 20],
                "currency": "EUR",
                "items": [
                    {"sku": f"SKU-{i}", "quantity": 1 + i % 5, "unit_price": "19.90"},
                    {"sku": "AB-1", "quantity": 2, "unit_price": "0.50"},
                ],
                "delivery_date": delivery,
            }
            orders.append(c.post("/orders", json=body).raise_for_status().json()["id"])
    return {"order": orders, "customer": customers, "delivery": delivery}
