"""The existing API keeps working (regressions of the brownfield service)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_product, fresh, unique


def subset(body: dict, expected: dict) -> dict:
    """The fields of `body` that `expected` names (a missing one shows as <missing>)."""
    return {k: body.get(k, "<missing>") for k in expected}


@pytest.mark.critical
def test_product_lifecycle_and_pricing(client):
    p = create_product(client, category="clearance", price_cents=2000, stock=100)
    r = client.get(f"/products/{p['id']}")
    assert r.status_code == 200, (r.status_code, r.text)
    expected = {"list_price_cents": 2000, "discount_pct": 32, "final_price_cents": 1360}
    assert subset(r.json()["pricing"], expected) == expected  # extra fields are allowed
    r = client.patch(f"/products/{p['id']}", json={"stock": 3})
    assert r.status_code == 200 and r.json()["stock"] == 3
    assert client.delete(f"/products/{p['id']}").status_code == 204
    assert fresh("GET", f"/products/{p['id']}").status_code == 404


def test_duplicate_sku_and_unknown_product(client):
    p = create_product(client)
    again = {k: p[k] for k in ("sku", "name", "category", "price_cents")}
    assert client.post("/products", json=again).status_code == 409
    assert client.get("/products/999999999").status_code == 404
    assert client.patch("/products/999999999", json={"stock": 1}).status_code == 404


@pytest.mark.critical
def test_summary_figures(client):
    cat = unique("sum")
    for price, stock in ((1000, 0), (2000, 4), (3000, 6)):
        create_product(client, category=cat, price_cents=price, stock=stock)
    r = client.get("/catalog/summary", params={"category": cat})
    assert r.status_code == 200, (r.status_code, r.text)
    expected = {
        "category": cat,
        "in_stock": None,
        "product_count": 3,
        "total_stock": 10,
        "avg_price_cents": 2000,
        "min_price_cents": 1000,
        "max_price_cents": 3000,
    }
    assert subset(r.json(), expected) == expected  # extra fields are allowed
    r = client.get("/catalog/summary", params={"category": cat, "in_stock": "true"})
    assert r.json()["product_count"] == 2 and r.json()["min_price_cents"] == 2000


def test_wishlist_round_trip(client):
    user = {"X-User-Id": unique("user")}
    p = create_product(client)
    r = client.put(f"/me/wishlist/{p['id']}", json={"note": "birthday"}, headers=user)
    assert r.status_code == 200, (r.status_code, r.text)
    items = client.get("/me/wishlist", headers=user).json()["items"]
    assert [(i["product_id"], i["note"]) for i in items] == [(p["id"], "birthday")]
    assert client.delete(f"/me/wishlist/{p['id']}", headers=user).status_code == 204
    assert fresh("GET", "/me/wishlist", headers=user).json()["items"] == []
    assert client.get("/me/wishlist").status_code == 401
