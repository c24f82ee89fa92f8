"""Every legacy customer survived the migration with the name split by the stated rule."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import LEGACY, by_email

SIMPLE = ["ada@legacy.example", "bjork@legacy.example"]
EDGE = [e for e in LEGACY if e not in SIMPLE]


def _check(client, address):
    first, last, full, _ = LEGACY[address]
    customer = by_email(client, address)
    got = (customer.get("first_name"), customer.get("last_name"), customer.get("full_name"))
    assert got == (first, last, full), got
    r = client.get(f"/customers/{customer['id']}")
    assert r.status_code == 200
    assert (r.json()["first_name"], r.json()["last_name"]) == (first, last)


@pytest.mark.critical
@pytest.mark.parametrize("address", SIMPLE)
def test_simple_legacy_names_are_split(client, address):
    _check(client, address)


@pytest.mark.parametrize("address", EDGE)
def test_edge_case_legacy_names_are_split(client, address):
    _check(client, address)


@pytest.mark.critical
def test_no_legacy_customer_lost(client):
    r = client.get("/customers")
    assert r.status_code == 200
    emails = [c["email"] for c in r.json()]
    assert set(LEGACY) <= set(emails), set(LEGACY) - set(emails)
    assert all(emails.count(e) == 1 for e in LEGACY)
