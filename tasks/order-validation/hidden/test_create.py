"""A valid order is stored and read back with exact money."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_problem, item, order, orders_of, post


@pytest.mark.critical
def test_create_and_read_back(client):
    body = order(
        items=[
            item(sku="AB-1", quantity=3, unit_price="19.90"),
            item(sku="CD-22", quantity=1, unit_price="0.05"),
        ],
        note="ring twice",
    )
    r = post(client, body)
    assert r.status_code == 201, r.text
    created = r.json()
    assert "location" in r.headers and str(created["id"]) in r.headers["location"]
    assert created["customer_id"] == body["customer_id"] and created["currency"] == "EUR"
    assert created["delivery_date"] == body["delivery_date"] and created["note"] == "ring twice"
    assert [
        (i["sku"], i["quantity"], i["unit_price"], i["line_total"]) for i in created["items"]
    ] == [
        ("AB-1", 3, "19.90", "59.70"),
        ("CD-22", 1, "0.05", "0.05"),
    ]
    assert created["total"] == "59.75"
    got = client.get(f"/orders/{created['id']}")
    assert got.status_code == 200
    assert got.json()["items"] == created["items"] and got.json()["total"] == "59.75"


def test_list_by_customer(client):
    a = order()
    assert post(client, a).status_code == 201
    assert post(client, order(customer_id=a["customer_id"], currency="SEK")).status_code == 201
    listed = orders_of(client, a["customer_id"])
    assert [o["currency"] for o in listed] == ["EUR", "SEK"]


def test_unknown_order_is_404_problem(client):
    assert_problem(client.get("/orders/987654321"), 404)
