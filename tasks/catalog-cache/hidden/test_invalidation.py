"""Writes are visible to the very next read on any worker."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import Runs, create_product, fresh, unique


def summary(cat: str | None = None) -> dict:
    params = {"category": cat} if cat is not None else {}
    r = fresh("GET", "/catalog/summary", params=params)
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


@pytest.mark.critical
def test_patch_is_visible_immediately(client):
    p = create_product(client, price_cents=1000, category="books")
    for _ in range(3):
        assert fresh("GET", f"/products/{p['id']}").json()["pricing"]["final_price_cents"] == 950
    for price in (2000, 4000):
        assert client.patch(f"/products/{p['id']}", json={"price_cents": price}).status_code == 200
        for _ in range(4):
            body = fresh("GET", f"/products/{p['id']}").json()
            assert body["price_cents"] == price, body
            assert body["pricing"]["final_price_cents"] == price * 95 // 100, body


@pytest.mark.critical
def test_new_product_updates_cached_summaries(client):
    cat = unique("new")
    create_product(client, category=cat, price_cents=500)
    assert summary(cat)["product_count"] == 1
    total_before = summary()["product_count"]
    create_product(client, category=cat, price_cents=1500)
    for _ in range(3):
        s = summary(cat)
        assert s["product_count"] == 2 and s["avg_price_cents"] == 1000, s
    assert summary()["product_count"] == total_before + 1


@pytest.mark.critical
def test_category_move_updates_both_summaries(client):
    a, b = unique("from"), unique("to")
    p = create_product(client, category=a, stock=7)
    create_product(client, category=b, stock=1)
    assert summary(a)["total_stock"] == 7 and summary(b)["total_stock"] == 1
    assert client.patch(f"/products/{p['id']}", json={"category": b}).status_code == 200
    for _ in range(3):
        assert summary(a)["product_count"] == 0
        assert summary(b)["total_stock"] == 8


def test_delete_is_visible_immediately(client):
    cat = unique("del")
    p = create_product(client, category=cat)
    assert fresh("GET", f"/products/{p['id']}").status_code == 200
    assert summary(cat)["product_count"] == 1
    assert client.delete(f"/products/{p['id']}").status_code == 204
    for _ in range(3):
        assert fresh("GET", f"/products/{p['id']}").status_code == 404
        assert summary(cat)["product_count"] == 0


def test_read_after_write_recomputes_once(client):
    p = create_product(client)
    fresh("GET", f"/products/{p['id']}")
    client.patch(f"/products/{p['id']}", json={"name": "renamed"})
    with Runs(client) as runs:
        names = [fresh("GET", f"/products/{p['id']}").json()["name"] for _ in range(4)]
    assert names == ["renamed"] * 4
    assert runs.pricing == 1, runs.pricing
