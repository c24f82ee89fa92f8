"""The prompt's integrity rules hold: valid rows are accepted, each violating row is refused."""

import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import (
    ITEM_SQL,
    ORDER_SQL,
    add_customer,
    add_order,
    add_product,
    connect,
    next_id,
    rejects,
)

STATUSES = ("pending", "paid", "shipped", "delivered", "cancelled")


def item(order_id: int, product_id: int, quantity: int = 1) -> dict[str, int]:
    return {"id": next_id(), "order_id": order_id, "product_id": product_id, "quantity": quantity}


@pytest.mark.critical
def test_email_unique_ignoring_case():
    tag = uuid.uuid4().hex[:8]
    with connect("bare") as conn:
        add_customer(conn, f"Ann.{tag}@Example.com")
        add_customer(conn, f"ann.{tag}.other@example.com")  # a different address is fine
        dup = {"id": next_id(), "email": f"ann.{tag}@EXAMPLE.COM"}
        assert rejects(
            conn,
            "INSERT INTO customers (id, email, name, country, created_at)"
            " VALUES (%(id)s, %(email)s, 'Dup', 'DE', now())",
            dup,
        ), "a second customer whose email differs only in case was accepted"


def test_customer_id_is_unique():
    with connect("bare") as conn:
        cid = add_customer(conn)
        assert rejects(
            conn,
            "INSERT INTO customers (id, email, name, country, created_at)"
            " VALUES (%(id)s, %(email)s, 'Dup', 'DE', now())",
            {"id": cid, "email": f"{uuid.uuid4().hex}@example.com"},
        ), "two customers with the same id were accepted"


def test_sku_unique():
    with connect("bare") as conn:
        pid = add_product(conn)
        assert rejects(
            conn,
            "INSERT INTO products (id, sku, name, category, price_cents, created_at)"
            " VALUES (%(id)s, %(sku)s, 'Copy', 'cat-test', 1, now())",
            {"id": next_id(), "sku": f"T-{pid}"},
        ), "two products with the same sku were accepted"


@pytest.mark.critical
def test_one_line_per_product_per_order():
    with connect("bare") as conn:
        oid, pid = add_order(conn, add_customer(conn)), add_product(conn)
        conn.execute(ITEM_SQL, item(oid, pid))
        conn.execute(
            ITEM_SQL, item(oid, add_product(conn))
        )  # another product in the same order: fine
        conn.execute(
            ITEM_SQL, item(add_order(conn, add_customer(conn)), pid)
        )  # same product, other order
        assert rejects(conn, ITEM_SQL, item(oid, pid, 2)), (
            "a second line for the same product in one order was accepted"
        )


@pytest.mark.critical
def test_order_needs_an_existing_customer():
    with connect("bare") as conn:
        bad = {"id": next_id(), "customer_id": next_id(), "status": "paid"}
        assert rejects(conn, ORDER_SQL, bad), (
            "an order for a customer that does not exist was accepted"
        )


@pytest.mark.critical
def test_item_needs_an_existing_order():
    with connect("bare") as conn:
        pid = add_product(conn)
        assert rejects(conn, ITEM_SQL, item(next_id(), pid)), (
            "an order line for a missing order was accepted"
        )


@pytest.mark.critical
def test_item_needs_an_existing_product():
    with connect("bare") as conn:
        oid = add_order(conn, add_customer(conn))
        assert rejects(conn, ITEM_SQL, item(oid, next_id())), (
            "an order line for a missing product was accepted"
        )


def test_status_is_one_of_the_five():
    with connect("bare") as conn:
        cid = add_customer(conn)
        for status in STATUSES:
            add_order(conn, cid, status)
        bad = {"id": next_id(), "customer_id": cid, "status": "lost"}
        assert rejects(conn, ORDER_SQL, bad), "an order with status 'lost' was accepted"


def test_quantity_positive():
    with connect("bare") as conn:
        oid = add_order(conn, add_customer(conn))
        assert rejects(conn, ITEM_SQL, item(oid, add_product(conn), 0)), (
            "an order line with quantity 0 was accepted"
        )


def test_required_columns_not_null():
    with connect("bare") as conn:
        bad = {"id": next_id(), "customer_id": None, "status": "paid"}
        assert rejects(conn, ORDER_SQL, bad), "an order without a customer was accepted"
        assert rejects(
            conn,
            "INSERT INTO customers (id, email, name, country, created_at)"
            " VALUES (%(id)s, NULL, 'X', 'DE', now())",
            {"id": next_id()},
        ), "a customer without an email was accepted"
