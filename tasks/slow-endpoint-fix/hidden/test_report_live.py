"""New orders show up in the report with the right per-category aggregation; bad ranges are 422."""

import os
import sys
from collections import defaultdict
from datetime import UTC, datetime, timedelta

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import GOLDEN, new_name, slow_client, view

RATES = {c["category"]: c["tax_rate_bp"] for c in GOLDEN[0]["report"]["categories"]}


def _products(c) -> dict[str, list[dict]]:
    by_category: dict[str, list[dict]] = defaultdict(list)
    for p in c.get("/products").json():
        by_category[p["category"]].append(p)
    return by_category


@pytest.mark.critical
def test_new_orders_are_aggregated_per_category():
    with slow_client() as c:
        products = _products(c)
        books, toys = products["books"], products["toys"]
        customer = c.post("/customers", json={"name": new_name()}).json()
        orders = [
            [(books[0], 2), (books[1], 1), (toys[0], 3)],  # two books lines in one order
            [(books[2], 4)],
            [(toys[1], 1), (toys[2], 5)],
        ]
        for lines in orders:
            body = {
                "customer_id": customer["id"],
                "items": [{"product_id": p["id"], "quantity": q} for p, q in lines],
            }
            r = c.post("/orders", json=body)
            assert r.status_code == 201, r.text
        expected = {}
        for name, index in (("books", {0, 1}), ("toys", {0, 2})):
            lines = [ln for i in sorted(index) for ln in orders[i] if ln[0]["category"] == name]
            revenue = sum(p["price_cents"] * q for p, q in lines)
            rate = RATES[name]
            expected[name] = {
                "category": name,
                "orders": 2,
                "units": sum(q for _, q in lines),
                "revenue_cents": revenue,
                "tax_rate_bp": rate,
                "tax_cents": revenue * rate // 10000,
            }
        today = datetime.now(UTC).date()
        params = {
            "customer_id": customer["id"],
            "from": (today - timedelta(days=1)).isoformat(),
            "to": (today + timedelta(days=1)).isoformat(),
        }
        r = c.get("/reports/sales", params=params)
    assert r.status_code == 200, r.text
    got = view(r.json())
    assert got["categories"] == [expected["books"], expected["toys"]]
    assert got["order_count"] == 3
    assert got["customer_id"] == customer["id"]
    assert got["total_revenue_cents"] == sum(e["revenue_cents"] for e in expected.values())
    assert got["total_tax_cents"] == sum(e["tax_cents"] for e in expected.values())


def test_customer_without_orders_gives_an_empty_report():
    with slow_client() as c:
        customer = c.post("/customers", json={"name": new_name()}).json()
        r = c.get("/reports/sales", params={"customer_id": customer["id"]})
    assert r.status_code == 200, r.text
    got = view(r.json())
    assert got["categories"] == [] and got["order_count"] == 0
    assert got["total_revenue_cents"] == 0 and got["total_tax_cents"] == 0


@pytest.mark.parametrize(
    "params",
    [{"from": "2024-05-02", "to": "2024-05-01"}, {"from": "2024-13-01"}, {"to": "yesterday"}],
    ids=["from-after-to", "bad-month", "not-a-date"],
)
def test_bad_range_is_422(params):
    with slow_client() as c:
        r = c.get("/reports/sales", params=params)
    assert r.status_code == 422, (r.status_code, r.text[:300])
