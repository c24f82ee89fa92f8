"""Pricing rules, in one place and free of I/O. Every endpoint that shows money uses price().

- line total = quantity x unit price;
- volume discount: a line with quantity >= VOLUME_MIN_QUANTITY gets VOLUME_PERCENT % off its
  total (floored to the cent);
- tier discount: gold customers get GOLD_PERCENT % off the subtotal remaining after the line
  discounts (floored to the cent).
"""

from dataclasses import dataclass

GOLD_PERCENT = 5
VOLUME_MIN_QUANTITY = 10
VOLUME_PERCENT = 10


@dataclass(frozen=True)
class PricedLine:
    product_id: int
    quantity: int
    unit_price_cents: int
    line_total_cents: int
    line_discount_cents: int


@dataclass(frozen=True)
class Priced:
    lines: list[PricedLine]
    subtotal_cents: int
    discount_cents: int
    total_cents: int


def price(lines: list[dict], tier: str, volume: bool = False) -> Priced:
    priced = []
    for ln in lines:
        total = ln["quantity"] * ln["unit_price_cents"]
        discount = total * VOLUME_PERCENT // 100
        volume_off = discount if volume and ln["quantity"] >= VOLUME_MIN_QUANTITY else 0
        priced.append(
            PricedLine(ln["product_id"], ln["quantity"], ln["unit_price_cents"], total, volume_off)
        )
    subtotal = sum(p.line_total_cents for p in priced)
    line_discounts = sum(p.line_discount_cents for p in priced)
    tier_discount = (subtotal - line_discounts) * GOLD_PERCENT // 100 if tier == "gold" else 0
    discount = line_discounts + tier_discount
    return Priced(priced, subtotal, discount, subtotal - discount)
