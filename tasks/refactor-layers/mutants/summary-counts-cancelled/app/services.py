"""Use cases. Framework-free: they take a connection, use repositories and pricing, and raise
domain errors that the HTTP layer maps to status codes."""

from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import Connection

from app import pricing
from app.repositories import CustomerRepository, OrderRepository, ProductRepository


class NotFound(Exception):
    pass


class InvalidOrder(Exception):
    pass


class Conflict(Exception):
    pass


def _order_view(order: dict) -> dict:
    priced = pricing.price(order["lines"], order["tier"])
    return {
        "id": order["id"],
        "customer_id": order["customer_id"],
        "status": order["status"],
        "created_at": order["created_at"],
        **_money(priced),
    }


def _money(priced: pricing.Priced) -> dict:
    return {
        "items": [asdict(line) for line in priced.lines],
        "subtotal_cents": priced.subtotal_cents,
        "discount_cents": priced.discount_cents,
        "total_cents": priced.total_cents,
    }


def create_customer(conn: Connection, name: str, email: str, tier: str) -> dict:
    return CustomerRepository(conn).add(name, email.strip().lower(), tier)


def get_customer(conn: Connection, customer_id: int) -> dict:
    customer = CustomerRepository(conn).get(customer_id)
    if customer is None:
        raise NotFound("customer not found")
    return customer


def create_product(conn: Connection, name: str, price_cents: int) -> dict:
    return ProductRepository(conn).add(name, price_cents)


def _resolve_lines(conn: Connection, customer_id: int, items: list[dict]) -> tuple[dict, list]:
    customer = get_customer(conn, customer_id)
    products = ProductRepository(conn).get_many([i["product_id"] for i in items])
    lines = []
    for item in items:
        product = products.get(item["product_id"])
        if product is None:
            raise InvalidOrder(f"unknown product {item['product_id']}")
        lines.append(
            {
                "product_id": product["id"],
                "quantity": item["quantity"],
                "unit_price_cents": product["price_cents"],
            }
        )
    return customer, lines


def quote(conn: Connection, customer_id: int, items: list[dict]) -> dict:
    customer, lines = _resolve_lines(conn, customer_id, items)
    return {"customer_id": customer_id, **_money(pricing.price(lines, customer["tier"]))}


def place_order(conn: Connection, customer_id: int, items: list[dict]) -> dict:
    _customer, lines = _resolve_lines(conn, customer_id, items)
    created_at = datetime.now(UTC).isoformat()
    order_id = OrderRepository(conn).add(customer_id, created_at, lines)
    return get_order(conn, order_id)


def get_order(conn: Connection, order_id: int) -> dict:
    order = OrderRepository(conn).get(order_id)
    if order is None:
        raise NotFound("order not found")
    return _order_view(order)


def cancel_order(conn: Connection, order_id: int) -> dict:
    orders = OrderRepository(conn)
    status = orders.get_status(order_id)
    if status is None:
        raise NotFound("order not found")
    if status == "cancelled":
        raise Conflict("order already cancelled")
    orders.set_status(order_id, "cancelled")
    return get_order(conn, order_id)


def customer_orders(conn: Connection, customer_id: int, status: str | None) -> list[dict]:
    get_customer(conn, customer_id)
    return [_order_view(o) for o in OrderRepository(conn).list_for_customer(customer_id, status)]


def customer_summary(conn: Connection, customer_id: int) -> dict:
    customer = get_customer(conn, customer_id)
    open_orders = customer_orders(conn, customer_id, None)
    return {
        "customer_id": customer_id,
        "tier": customer["tier"],
        "open_orders": len(open_orders),
        "total_spent_cents": sum(o["total_cents"] for o in open_orders),
    }
