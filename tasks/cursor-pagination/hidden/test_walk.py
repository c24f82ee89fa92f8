"""Walking every page returns exactly the matching products, once each, in the requested order."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_no_duplicates, assert_sorted, catalog, key, view, walk

# (category index, extra params, limit); limit None means "use the default of 20"
WALKS = [
    (0, {}, 7),
    (0, {"sort": "price_cents"}, 10),
    (0, {"sort": "-price_cents"}, 13),
    (0, {"sort": "name"}, 25),
    (0, {"sort": "-name"}, 100),
    (0, {"sort": "-created_at"}, 9),
    (0, {"sort": "price_cents", "min_price_cents": 1000, "max_price_cents": 5000}, 6),
    (0, {"sort": "-price_cents", "in_stock": "true"}, 11),
    (1, {"sort": "name", "in_stock": "false"}, 4),
    (1, {"sort": "-price_cents", "max_price_cents": 999}, 3),
    (1, {}, None),
]


def _expected(products: list[dict], params: dict) -> list[dict]:
    out = products
    if "min_price_cents" in params:
        out = [p for p in out if p["price_cents"] >= params["min_price_cents"]]
    if "max_price_cents" in params:
        out = [p for p in out if p["price_cents"] <= params["max_price_cents"]]
    if params.get("in_stock") == "true":
        out = [p for p in out if p["stock"] > 0]
    if params.get("in_stock") == "false":
        out = [p for p in out if p["stock"] == 0]
    return out


@pytest.mark.critical
@pytest.mark.parametrize(
    ("category_index", "params", "limit"),
    WALKS,
    ids=[
        f"{'ab'[c]}-{'-'.join(f'{k}={v}' for k, v in p.items()) or 'default'}-l{lim}"
        for c, p, lim in WALKS
    ],
)
def test_walk_returns_exact_set_in_order(client, category_index, params, limit):
    category = list(catalog())[category_index]
    products = catalog()[category]
    query = {"category": category, **params} | ({"limit": limit} if limit else {})
    pages = walk(client, query)
    items = [p for page in pages for p in page["items"]]

    assert_no_duplicates(items)
    expected = _expected(products, params)
    assert {key(p) for p in items} == {key(p) for p in expected}
    by_id = {key(p): view(p) for p in expected}
    assert all(view(item) == by_id[key(item)] for item in items), (
        "listed fields differ from created"
    )
    assert_sorted(items, params.get("sort", "created_at"))
    page_size = limit or 20
    assert all(len(page["items"]) == page_size for page in pages[:-1]), [
        len(p["items"]) for p in pages
    ]
    assert 0 < len(pages[-1]["items"]) <= page_size or not expected
