"""Deterministic demo data: the 2024 order history the reports are checked against."""

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.models import Customer, Order, OrderItem, Product

CATEGORIES = ["books", "electronics", "food", "garden", "music", "office", "sports", "toys"]


def seed(session: Session) -> None:
    if session.scalar(select(func.count()).select_from(Product)):
        return
    rng = random.Random(20240101)
    products = []
    for i in range(1, 49):
        category = CATEGORIES[(i - 1) % len(CATEGORIES)]
        products.append(
            {
                "id": i,
                "sku": f"SKU-{i:04d}",
                "name": f"{category.title()} item {i}",
                "category": category,
                "price_cents": rng.randrange(199, 19999),
            }
        )
    session.execute(insert(Product), products)
    session.execute(
        insert(Customer), [{"id": i, "name": f"Customer {i}"} for i in range(1, 61)]
    )
    start = datetime(2024, 1, 1, tzinfo=UTC)
    orders, items = [], []
    item_id = 0
    for order_id in range(1, 5001):
        created = start + timedelta(seconds=rng.randrange(0, 366 * 86400))
        orders.append(
            {
                "id": order_id,
                "customer_id": rng.randrange(1, 61),
                "created_at": created.isoformat().replace("+00:00", "Z"),
            }
        )
        for product in rng.sample(products, rng.randrange(1, 7)):
            item_id += 1
            # prices drift over the year: the item keeps the price paid at the time
            unit = product["price_cents"] + rng.randrange(-150, 151)
            items.append(
                {
                    "id": item_id,
                    "order_id": order_id,
                    "product_id": product["id"],
                    "quantity": rng.randrange(1, 5),
                    "unit_price_cents": max(unit, 99),
                }
            )
    session.execute(insert(Order), orders)
    session.execute(insert(OrderItem), items)
    session.commit()
