"""New orders in integer cents, and the legacy dollar shape converted by the half-up rule."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create, email, orders


@pytest.fixture
def customer_id(client):
    return create(client, {"first_name": "Buyer", "email": email()})["id"]


@pytest.mark.critical
def test_order_in_cents(client, customer_id):
    r = client.post(f"/customers/{customer_id}/orders", json={"amount_cents": 1999})
    assert r.status_code == 201, r.text
    assert (r.json()["amount_cents"], r.json()["amount"]) == (1999, 19.99)
    assert [o["amount_cents"] for o in orders(client, customer_id)] == [1999]


def test_legacy_amount_is_converted_half_up(client, customer_id):
    got = []
    for amount in (2.675, 1.005, 0.125, 19.99):
        r = client.post(f"/customers/{customer_id}/orders", json={"amount": amount})
        assert r.status_code == 201, (amount, r.text)
        got.append(r.json()["amount_cents"])
    assert got == [268, 101, 13, 1999]


def test_amount_cents_wins(client, customer_id):
    r = client.post(f"/customers/{customer_id}/orders", json={"amount_cents": 5, "amount": 99.0})
    assert r.status_code == 201 and r.json()["amount_cents"] == 5


@pytest.mark.parametrize(
    "body",
    [
        {"amount_cents": 0},
        {"amount_cents": -5},
        {"amount_cents": 12.5},
        {"amount_cents": "12"},
        {},
        {"amount": 0.001},
    ],
    ids=["zero", "negative", "fraction", "string", "empty", "sub-cent"],
)
def test_invalid_order_is_422(client, customer_id, body):
    r = client.post(f"/customers/{customer_id}/orders", json=body)
    assert r.status_code == 422, (body, r.status_code, r.text)
    assert orders(client, customer_id) == []
