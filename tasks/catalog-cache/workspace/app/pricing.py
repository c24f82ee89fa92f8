"""The pricing engine and the catalog analytics.

Both are deliberately expensive: they stand in for remote calls (the pricing service and the
analytics warehouse) and take COMPUTE_DELAY_MS milliseconds per run. Every run is counted in the
metrics table (`pricing_runs`, `summary_runs`), which the ops dashboards read. Do not remove or
shorten the delay, and do not bypass the counting: it is how we see how often we pay for a run.
"""

import os
import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import metrics
from app.models import Product

# Category discounts the pricing service applies (percent).
CATEGORY_DISCOUNTS = {"clearance": 30, "books": 5, "garden": 10}
BULK_STOCK = 100  # products with at least this much stock get 2 extra points off


def _delay() -> None:
    time.sleep(max(0, int(os.environ.get("COMPUTE_DELAY_MS", "400"))) / 1000)


def price(product: Product) -> dict[str, int]:
    """Final price of one product (slow)."""
    _delay()
    metrics.increment(metrics.PRICING_RUNS)
    discount = CATEGORY_DISCOUNTS.get(product.category, 0)
    if product.stock >= BULK_STOCK:
        discount += 2
    final = product.price_cents * (100 - discount) // 100
    return {
        "list_price_cents": product.price_cents,
        "discount_pct": discount,
        "final_price_cents": final,
    }


def summary(session: Session, category: str | None, in_stock: bool | None) -> dict[str, object]:
    """Aggregate figures over the matching products (slow)."""
    _delay()
    metrics.increment(metrics.SUMMARY_RUNS)
    query = select(
        func.count(Product.id),
        func.coalesce(func.sum(Product.stock), 0),
        func.avg(Product.price_cents),
        func.min(Product.price_cents),
        func.max(Product.price_cents),
    )
    if category is not None:
        query = query.where(Product.category == category)
    if in_stock is True:
        query = query.where(Product.stock > 0)
    elif in_stock is False:
        query = query.where(Product.stock == 0)
    count, stock, avg, low, high = session.execute(query).one()
    return {
        "category": category,
        "in_stock": in_stock,
        "product_count": int(count),
        "total_stock": int(stock),
        "avg_price_cents": round(avg) if avg is not None else None,
        "min_price_cents": low,
        "max_price_cents": high,
    }
