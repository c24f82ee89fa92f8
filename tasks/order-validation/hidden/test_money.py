"""Money is exact decimal arithmetic, rendered with two decimals."""

import os
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import item, order, pointers, post


@pytest.mark.critical
def test_totals_are_exact(client):
    prices = [("0.10", 1), ("0.20", 1), ("1234567.89", 999), ("0.01", 7), ("9999999.99", 1000)]
    body = order(items=[item(unit_price=p, quantity=q) for p, q in prices])
    r = post(client, body)
    assert r.status_code == 201, r.text
    got = r.json()
    expected = [Decimal(p) * q for p, q in prices]
    assert [i["line_total"] for i in got["items"]] == [f"{v:.2f}" for v in expected]
    assert got["total"] == f"{sum(expected):.2f}"
    assert [i["unit_price"] for i in got["items"]] == [p for p, _ in prices]


def test_trailing_zero_amounts_round_trip(client):
    body = order(items=[item(unit_price="10.00", quantity=3), item(unit_price="0.30", quantity=1)])
    r = post(client, body)
    assert r.status_code == 201, r.text
    got = client.get(f"/orders/{r.json()['id']}").json()
    assert [i["unit_price"] for i in got["items"]] == ["10.00", "0.30"]
    assert got["total"] == "30.30"


BAD_AMOUNTS = [
    ("one-decimal", "10.5"),
    ("three-decimals", "10.505"),
    ("json-number", 10.5),
    ("json-integer", 10),
    ("negative", "-1.00"),
    ("zero", "0.00"),
    ("exponent", "1e3"),
    ("leading-zero", "01.00"),
    ("too-large", "10000000.00"),
    ("no-decimals", "12"),
]


@pytest.mark.parametrize("value", [v for _, v in BAD_AMOUNTS], ids=[n for n, _ in BAD_AMOUNTS])
def test_bad_amounts_are_rejected(client, value):
    body = order(items=[item(), item(unit_price=value)])
    assert pointers(post(client, body)) == ["/items/1/unit_price"]


def test_amount_boundaries_accepted(client):
    body = order(
        items=[item(unit_price="0.01"), item(unit_price="9999999.99"), item(unit_price="0.99")]
    )
    assert post(client, body).status_code == 201
