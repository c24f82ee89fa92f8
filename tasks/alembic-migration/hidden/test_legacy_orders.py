"""Every legacy order survived with its customer link and exact cents (half-up rule)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import LEGACY, by_email, orders


@pytest.mark.critical
def test_legacy_order_counts_and_links_survive(client):
    for address, (*_, cents) in LEGACY.items():
        customer = by_email(client, address)
        got = orders(client, customer["id"])
        assert len(got) == len(cents), (address, got)
        assert all(str(o["customer_id"]) == str(customer["id"]) for o in got)


@pytest.mark.critical
@pytest.mark.parametrize("address", ["ada@legacy.example", "alan@legacy.example"])
def test_legacy_amounts_are_exact_cents(client, address):
    *_, cents = LEGACY[address]
    got = orders(client, by_email(client, address)["id"])
    assert [o["amount_cents"] for o in got] == cents, got
    assert all(isinstance(o["amount_cents"], int) for o in got)


def test_all_legacy_amounts(client):
    for address, (*_, cents) in LEGACY.items():
        got = orders(client, by_email(client, address)["id"])
        assert [o["amount_cents"] for o in got] == cents, (address, got)
        assert [o["amount"] for o in got] == [c / 100 for c in cents], (address, got)
