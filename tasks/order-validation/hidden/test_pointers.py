"""422 problems point at the offending members with RFC 6901 pointers, all errors at once."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import future, item, order, orders_of, pointers, post, today


@pytest.mark.critical
def test_nested_pointer(client):
    body = order(items=[item(), item(), item(), item(quantity=0), item()])
    assert pointers(post(client, body)) == ["/items/3/quantity"]


@pytest.mark.critical
def test_all_errors_reported_at_once(client):
    body = order(
        currency="eur",
        delivery_date=today().isoformat(),
        items=[item(), item(sku="x"), item(quantity=1001, unit_price="5"), item()],
    )
    r = post(client, body)
    assert sorted(pointers(r)) == sorted(
        ["/currency", "/delivery_date", "/items/1/sku", "/items/2/quantity", "/items/2/unit_price"]
    )
    assert orders_of(client, body["customer_id"]) == []


def test_missing_members(client):
    body = order(items=[item(), {"quantity": 1, "unit_price": "1.00"}])
    del body["currency"]
    assert sorted(pointers(post(client, body))) == ["/currency", "/items/1/sku"]


def test_unknown_members(client):
    body = order(coupon="FREE", items=[item(), item(discount="1.00")])
    assert sorted(pointers(post(client, body))) == ["/coupon", "/items/1/discount"]


def test_array_bounds_point_at_items(client):
    assert pointers(post(client, order(items=[]))) == ["/items"]
    assert pointers(post(client, order(items=[item() for _ in range(51)]))) == ["/items"]


def test_non_object_body(client):
    assert pointers(post(client, ["not", "an", "order"])) == [""]


def test_query_pointer(client):
    assert pointers(client.get("/orders")) == ["/customer_id"]


def test_many_items_each_reported(client):
    items = [item() for _ in range(12)]
    for i in (2, 5, 11):
        items[i]["quantity"] = -1
    body = order(items=items, delivery_date=future(5))
    assert sorted(pointers(post(client, body))) == [
        "/items/11/quantity",
        "/items/2/quantity",
        "/items/5/quantity",
    ]
