"""The cache key covers every input: ids and all query parameters."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_product, fresh, unique


@pytest.mark.critical
def test_summary_per_category(client):
    a, b = unique("ka"), unique("kb")
    create_product(client, category=a, price_cents=100, stock=1)
    for _ in range(3):
        create_product(client, category=b, price_cents=900, stock=2)
    for _ in range(2):
        sa = fresh("GET", "/catalog/summary", params={"category": a}).json()
        sb = fresh("GET", "/catalog/summary", params={"category": b}).json()
        assert (sa["category"], sa["product_count"], sa["total_stock"]) == (a, 1, 1), sa
        assert (sb["category"], sb["product_count"], sb["total_stock"]) == (b, 3, 6), sb


def test_summary_in_stock_filter_is_part_of_the_key(client):
    cat = unique("stock")
    create_product(client, category=cat, stock=0)
    create_product(client, category=cat, stock=3)
    results = {}
    for flag in (None, "true", "false", None, "false", "true"):
        params = {"category": cat} | ({"in_stock": flag} if flag else {})
        results.setdefault(flag, set()).add(
            fresh("GET", "/catalog/summary", params=params).json()["product_count"]
        )
    assert results == {None: {2}, "true": {1}, "false": {1}}, results


def test_products_do_not_share_entries(client):
    p1 = create_product(client, price_cents=111)
    p2 = create_product(client, price_cents=222)
    for _ in range(2):
        assert fresh("GET", f"/products/{p1['id']}").json()["price_cents"] == 111
        assert fresh("GET", f"/products/{p2['id']}").json()["price_cents"] == 222
