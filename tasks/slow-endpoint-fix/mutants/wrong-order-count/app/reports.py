"""The sales report: one aggregate query instead of a query per order and per item."""

from datetime import date, timedelta

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from app import pricing_sdk
from app.models import Order, OrderItem, Product


def _day_start(day: date) -> str:
    """created_at is ISO 8601 text, so a day boundary is a plain string bound (index-friendly)."""
    return day.isoformat()


def sales_report(
    session: Session,
    date_from: date | None,
    date_to: date | None,
    customer_id: int | None,
) -> dict:
    filters = []
    if date_from is not None:
        filters.append(Order.created_at >= _day_start(date_from))
    if date_to is not None:
        filters.append(Order.created_at < _day_start(date_to + timedelta(days=1)))
    if customer_id is not None:
        filters.append(Order.customer_id == customer_id)

    per_category = session.execute(
        select(
            Product.category,
            func.count(OrderItem.id),
            func.sum(OrderItem.quantity),
            func.sum(OrderItem.quantity * OrderItem.unit_price_cents),
        )
        .select_from(OrderItem)
        .join(Order, Order.id == OrderItem.order_id)
        .join(Product, Product.id == OrderItem.product_id)
        .where(*filters)
        .group_by(Product.category)
        .order_by(Product.category)
    ).all()
    order_count = session.scalar(
        select(func.count(distinct(Order.id)))
        .select_from(Order)
        .join(OrderItem, OrderItem.order_id == Order.id)
        .where(*filters)
    )

    # the SDK blocks its thread (~0.5 s); this function runs in FastAPI's threadpool, so
    # concurrent reports wait for it side by side instead of stalling the event loop
    rates = pricing_sdk.get_tax_rates()
    categories = []
    for category, orders, units, revenue in per_category:
        rate = rates.get(category, pricing_sdk.DEFAULT_RATE_BP)
        categories.append(
            {
                "category": category,
                "orders": orders,
                "units": int(units),
                "revenue_cents": int(revenue),
                "tax_rate_bp": rate,
                "tax_cents": int(revenue) * rate // 10000,
            }
        )
    return {
        "from": date_from.isoformat() if date_from else None,
        "to": date_to.isoformat() if date_to else None,
        "customer_id": customer_id,
        "order_count": order_count or 0,
        "total_revenue_cents": sum(c["revenue_cents"] for c in categories),
        "total_tax_cents": sum(c["tax_cents"] for c in categories),
        "categories": categories,
    }
