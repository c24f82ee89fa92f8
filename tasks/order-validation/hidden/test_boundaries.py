"""Field boundaries: min-1 / min / max / max+1 for every constrained member."""

import os
import sys
from datetime import timedelta

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import future, item, order, pointers, post, today


@pytest.mark.critical
def test_accepted_boundaries(client):
    body = order(
        customer_id="c" * 64,
        currency="CHF",
        items=[item(quantity=1, sku="ABC"), item(quantity=1000, sku="A" * 32)],
        delivery_date=future(1),
        note="n" * 500,
    )
    r = post(client, body)
    assert r.status_code == 201, r.text
    assert post(client, order(items=[item() for _ in range(50)])).status_code == 201


REJECTED = [
    ("quantity-0", lambda: order(items=[item(quantity=0)]), "/items/0/quantity"),
    ("quantity-1001", lambda: order(items=[item(quantity=1001)]), "/items/0/quantity"),
    ("quantity-fraction", lambda: order(items=[item(quantity=1.5)]), "/items/0/quantity"),
    ("sku-too-short", lambda: order(items=[item(sku="AB")]), "/items/0/sku"),
    ("sku-lowercase", lambda: order(items=[item(sku="abc-1")]), "/items/0/sku"),
    ("sku-too-long", lambda: order(items=[item(sku="A" * 33)]), "/items/0/sku"),
    ("currency-unknown", lambda: order(currency="XYZ"), "/currency"),
    ("currency-lowercase", lambda: order(currency="usd"), "/currency"),
    ("customer-empty", lambda: order(customer_id=""), "/customer_id"),
    ("customer-too-long", lambda: order(customer_id="c" * 65), "/customer_id"),
    ("note-too-long", lambda: order(note="n" * 501), "/note"),
    ("date-today", lambda: order(delivery_date=today().isoformat()), "/delivery_date"),
    (
        "date-past",
        lambda: order(delivery_date=(today() - timedelta(days=3)).isoformat()),
        "/delivery_date",
    ),
    ("date-not-a-date", lambda: order(delivery_date="2031-02-30"), "/delivery_date"),
    ("date-wrong-format", lambda: order(delivery_date="01/05/2031"), "/delivery_date"),
]


@pytest.mark.parametrize(
    ("make", "ptr"), [(m, p) for _, m, p in REJECTED], ids=[n for n, _, _ in REJECTED]
)
def test_rejected_boundaries(client, make, ptr):
    assert pointers(post(client, make())) == [ptr]
