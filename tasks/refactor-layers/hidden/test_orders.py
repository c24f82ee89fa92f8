"""Orders: creation, reading, listing, cancellation and the error cases, as before."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import body, customer, expected, items, money, product


@pytest.mark.critical
def test_order_round_trip_standard(client):
    c = customer(client)
    a, b = product(client, 1250), product(client, 399)
    lines = [(a, 2), (b, 3), (a, 1)]  # the same product twice stays two lines
    r = client.post("/orders", json=body(c, *lines))
    assert r.status_code == 201, r.text
    order = r.json()
    assert order["status"] == "open" and order["customer_id"] == c["id"] and order["created_at"]
    assert items(order) == [(a["id"], 2, 1250, 2500), (b["id"], 3, 399, 1197), (a["id"], 1, 1250, 1250)]
    assert money(order) == (4947, 0, 4947)
    got = client.get(f"/orders/{order['id']}")
    assert got.status_code == 200
    assert items(got.json()) == items(order) and money(got.json()) == money(order)


@pytest.mark.critical
def test_gold_discount_floors(client):
    c = customer(client, "gold")
    p = product(client, 333)
    r = client.post("/orders", json=body(c, (p, 3)))
    assert r.status_code == 201, r.text
    assert money(r.json()) == (999, 49, 950)
    assert money(client.get(f"/orders/{r.json()['id']}").json()) == (999, 49, 950)


@pytest.mark.parametrize(
    "mutate",
    ["no-items", "zero-qty", "too-many-qty"],
)
def test_invalid_order_is_422(client, mutate):
    c = customer(client)
    p = product(client, 100)
    payload = body(c, (p, 1))
    if mutate == "no-items":
        payload["items"] = []
    elif mutate == "zero-qty":
        payload["items"][0]["quantity"] = 0
    else:
        payload["items"][0]["quantity"] = 101
    assert client.post("/orders", json=payload).status_code == 422


@pytest.mark.critical
def test_unknown_references(client):
    c = customer(client)
    p = product(client, 100)
    unknown_product = {"customer_id": c["id"], "items": [{"product_id": 987654321, "quantity": 1}]}
    assert client.post("/orders", json=unknown_product).status_code == 422
    assert client.post("/orders/quote", json=unknown_product).status_code == 422
    unknown_customer = {"customer_id": 987654321, "items": [{"product_id": p["id"], "quantity": 1}]}
    assert client.post("/orders", json=unknown_customer).status_code == 404
    assert client.post("/orders/quote", json=unknown_customer).status_code == 404
    assert client.get("/orders/987654321").status_code == 404
    assert client.post("/orders/987654321/cancel").status_code == 404


@pytest.mark.critical
def test_cancel(client):
    c = customer(client)
    p = product(client, 500)
    order = client.post("/orders", json=body(c, (p, 2))).json()
    r = client.post(f"/orders/{order['id']}/cancel")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "cancelled" and money(r.json()) == money(order)
    assert client.get(f"/orders/{order['id']}").json()["status"] == "cancelled"
    assert client.post(f"/orders/{order['id']}/cancel").status_code == 409


def test_customer_orders_and_status_filter(client):
    c, other = customer(client), customer(client)
    p = product(client, 700)
    first = client.post("/orders", json=body(c, (p, 1))).json()
    second = client.post("/orders", json=body(c, (p, 2))).json()
    client.post("/orders", json=body(other, (p, 1)))
    client.post(f"/orders/{first['id']}/cancel")
    all_orders = client.get(f"/customers/{c['id']}/orders").json()
    assert [o["id"] for o in all_orders] == [first["id"], second["id"]]
    open_ = client.get(f"/customers/{c['id']}/orders", params={"status": "open"}).json()
    assert [o["id"] for o in open_] == [second["id"]]
    cancelled = client.get(f"/customers/{c['id']}/orders", params={"status": "cancelled"}).json()
    assert [o["id"] for o in cancelled] == [first["id"]]
    assert money(open_[0]) == money(second)
    bad = client.get(f"/customers/{c['id']}/orders", params={"status": "shipped"})
    assert bad.status_code == 422


@pytest.mark.critical
def test_quote_matches_order_and_stores_nothing(client):
    c = customer(client, "gold")
    a, b = product(client, 1111), product(client, 2345)
    lines = [(a, 3), (b, 2)]
    q = client.post("/orders/quote", json=body(c, *lines))
    assert q.status_code == 200, q.text
    assert money(q.json()) == expected(lines, "gold", volume=True)
    assert client.get(f"/customers/{c['id']}/orders").json() == []
    order = client.post("/orders", json=body(c, *lines)).json()
    assert money(order) == money(q.json()) and items(order) == items(q.json())


@pytest.mark.critical
def test_summary_counts_open_orders_only(client):
    c = customer(client, "gold")
    p = product(client, 999)
    o1 = client.post("/orders", json=body(c, (p, 1))).json()
    o2 = client.post("/orders", json=body(c, (p, 3))).json()
    o3 = client.post("/orders", json=body(c, (p, 2))).json()
    client.post(f"/orders/{o2['id']}/cancel")
    s = client.get(f"/customers/{c['id']}/summary")
    assert s.status_code == 200, s.text
    assert s.json()["open_orders"] == 2 and s.json()["tier"] == "gold"
    assert s.json()["total_spent_cents"] == o1["total_cents"] + o3["total_cents"]
    empty = client.get(f"/customers/{customer(client)['id']}/summary").json()
    assert (empty["open_orders"], empty["total_spent_cents"]) == (0, 0)
