"""The order endpoints keep working as before."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import new_name

ITEM_FIELDS = ("product_id", "quantity", "unit_price_cents")


@pytest.mark.critical
def test_create_and_get_order(client):
    product = client.get("/products").json()[5]
    customer = client.post("/customers", json={"name": new_name()}).json()
    r = client.post(
        "/orders",
        json={
            "customer_id": customer["id"],
            "items": [{"product_id": product["id"], "quantity": 3}],
        },
    )
    assert r.status_code == 201, r.text
    order = r.json()
    assert order["customer_id"] == customer["id"]
    # The contract's item fields only: "Responses may contain extra fields beyond those listed."
    assert [{k: i[k] for k in ITEM_FIELDS} for i in order["items"]] == [
        {"product_id": product["id"], "quantity": 3, "unit_price_cents": product["price_cents"]}
    ]
    assert order["total_cents"] == 3 * product["price_cents"]
    got = client.get(f"/orders/{order['id']}")
    assert got.status_code == 200
    assert (
        got.json()["items"] == order["items"] and got.json()["total_cents"] == order["total_cents"]
    )


def test_order_errors(client):
    product = client.get("/products").json()[0]
    customer = client.post("/customers", json={"name": new_name()}).json()
    unknown_customer = client.post(
        "/orders",
        json={"customer_id": 987654321, "items": [{"product_id": product["id"], "quantity": 1}]},
    )
    assert unknown_customer.status_code == 404, unknown_customer.text
    unknown_product = client.post(
        "/orders",
        json={"customer_id": customer["id"], "items": [{"product_id": 987654321, "quantity": 1}]},
    )
    assert unknown_product.status_code == 422, unknown_product.text
    empty = client.post("/orders", json={"customer_id": customer["id"], "items": []})
    assert empty.status_code == 422, empty.text
    assert client.get("/orders/987654321").status_code == 404


def test_seeded_catalog(client):
    products = client.get("/products").json()
    assert len(products) >= 48
    assert {p["category"] for p in products} >= {"books", "electronics", "food", "toys"}


def test_health(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
