"""Shared helpers for the refactor-layers hidden tests (imported, never collected)."""

import uuid

import httpx

ITEM_FIELDS = ("product_id", "quantity", "unit_price_cents", "line_total_cents")
MONEY_FIELDS = ("subtotal_cents", "discount_cents", "total_cents")


def customer(client: httpx.Client, tier: str = "standard") -> dict:
    email = f"c-{uuid.uuid4().hex[:12]}@example.com"
    r = client.post("/customers", json={"name": "Casey", "email": email, "tier": tier})
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def product(client: httpx.Client, price_cents: int) -> dict:
    r = client.post("/products", json={"name": f"p-{uuid.uuid4().hex[:6]}", "price_cents": price_cents})
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def body(cust: dict, *lines: tuple[dict, int]) -> dict:
    return {
        "customer_id": cust["id"],
        "items": [{"product_id": p["id"], "quantity": q} for p, q in lines],
    }


def money(view: dict) -> tuple[int, int, int]:
    return tuple(view[k] for k in MONEY_FIELDS)  # type: ignore[return-value]


def items(view: dict) -> list[tuple]:
    return [tuple(i[k] for k in ITEM_FIELDS) for i in view["items"]]


def expected(lines: list[tuple[dict, int]], tier: str, volume: bool) -> tuple[int, int, int]:
    """(subtotal, discount, total) per the spec; `volume=False` = the original rules."""
    totals = [p["price_cents"] * q for p, q in lines]
    line_disc = [t * 10 // 100 if volume and q >= 10 else 0 for t, (_, q) in zip(totals, lines)]
    subtotal = sum(totals)
    tier_disc = (subtotal - sum(line_disc)) * 5 // 100 if tier == "gold" else 0
    discount = sum(line_disc) + tier_disc
    return subtotal, discount, subtotal - discount
