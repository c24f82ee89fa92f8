"""The new volume discount, applied identically wherever money is shown."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import body, customer, expected, money, product


def _lines(client):
    big, small = product(client, 1999), product(client, 457)
    return [(big, 10), (small, 9), (big, 1), (small, 25)]


@pytest.mark.critical
@pytest.mark.parametrize("tier", ["standard", "gold"])
def test_quote_applies_volume_discount(client, tier):
    c = customer(client, tier)
    lines = _lines(client)
    r = client.post("/orders/quote", json=body(c, *lines))
    assert r.status_code == 200, r.text
    assert money(r.json()) == expected(lines, tier, volume=True)
    discounts = [i.get("line_discount_cents") for i in r.json()["items"]]
    assert discounts == [1999, 0, 0, 1142]


@pytest.mark.critical
@pytest.mark.parametrize("tier", ["standard", "gold"])
def test_orders_apply_volume_discount(client, tier):
    c = customer(client, tier)
    lines = _lines(client)
    want = expected(lines, tier, volume=True)
    created = client.post("/orders", json=body(c, *lines))
    assert created.status_code == 201, created.text
    assert money(created.json()) == want
    oid = created.json()["id"]
    assert money(client.get(f"/orders/{oid}").json()) == want
    listed = client.get(f"/customers/{c['id']}/orders").json()
    assert [money(o) for o in listed] == [want]


@pytest.mark.critical
def test_summary_applies_volume_discount(client):
    c = customer(client, "gold")
    lines = _lines(client)
    client.post("/orders", json=body(c, *lines))
    client.post("/orders", json=body(c, lines[1]))
    s = client.get(f"/customers/{c['id']}/summary").json()
    assert s["total_spent_cents"] == expected(lines, "gold", True)[2] + expected([lines[1]], "gold", True)[2]


def test_threshold_is_ten_units(client):
    c = customer(client)
    p = product(client, 1000)
    nine = client.post("/orders/quote", json=body(c, (p, 9))).json()
    ten = client.post("/orders/quote", json=body(c, (p, 10))).json()
    assert money(nine) == (9000, 0, 9000)
    assert money(ten) == (10000, 1000, 9000)
