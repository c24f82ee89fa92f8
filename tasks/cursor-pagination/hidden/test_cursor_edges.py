"""The end of a walk, the limit cap, bad cursors and bad sort keys."""

import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import catalog, create_many, key, product_body, session_tag, walk


@pytest.mark.critical
def test_next_cursor_is_null_exactly_at_the_end(client):
    category = f"exact-{session_tag()}"
    rng = random.Random()
    created = create_many([product_body(category, rng) for _ in range(40)])
    for limit, sizes in ((20, [20, 20]), (40, [40]), (39, [39, 1]), (41, [40])):
        pages = walk(client, {"category": category, "limit": limit})
        assert [len(p["items"]) for p in pages] == sizes, limit
        assert pages[-1]["next_cursor"] is None
        assert {key(p) for page in pages for p in page["items"]} == {key(p) for p in created}


def test_empty_result(client):
    r = client.get("/products", params={"category": f"nothing-{session_tag()}"})
    assert r.status_code == 200, r.text
    assert r.json()["items"] == [] and r.json()["next_cursor"] is None


def test_min_price_above_max_price_is_empty(client):
    category = next(iter(catalog()))
    r = client.get(
        "/products", params={"category": category, "min_price_cents": 5000, "max_price_cents": 1000}
    )
    assert r.status_code == 200, r.text
    assert r.json() == {**r.json(), "items": [], "next_cursor": None}


@pytest.mark.critical
def test_limit_is_capped_at_100(client):
    category = next(iter(catalog()))  # 180 products
    r = client.get("/products", params={"category": category, "limit": 500})
    assert r.status_code == 200, r.text
    first = r.json()
    assert len(first["items"]) == 100 and first["next_cursor"]
    r = client.get(
        "/products", params={"category": category, "limit": 500, "cursor": first["next_cursor"]}
    )
    assert r.status_code == 200, r.text
    assert len(r.json()["items"]) == 80 and r.json()["next_cursor"] is None
    r = client.get("/products", params={"category": category, "limit": 100})
    assert len(r.json()["items"]) == 100


@pytest.mark.parametrize("limit", ["0", "-5", "abc"])
def test_invalid_limit_is_rejected(client, limit):
    r = client.get("/products", params={"limit": limit})
    assert r.status_code in (400, 422), (r.status_code, r.text)


@pytest.mark.critical
@pytest.mark.parametrize(
    "cursor",
    ["not-a-cursor!!", "eyJmb28iOiAxfQ", "W10", "////", "AAAA", "bnVsbA", "x" * 300],
    ids=["garbage", "json-object", "json-array", "slashes", "zero-bytes", "json-null", "long"],
)
def test_malformed_cursor_is_400(client, cursor):
    category = next(iter(catalog()))
    for sort in ("created_at", "-price_cents", "name"):
        r = client.get("/products", params={"category": category, "sort": sort, "cursor": cursor})
        assert r.status_code == 400, (sort, cursor, r.status_code, r.text)
        assert isinstance(r.json().get("detail"), str)


def test_truncated_cursor_is_400(client):
    category = next(iter(catalog()))
    first = client.get(
        "/products", params={"category": category, "sort": "price_cents", "limit": 5}
    ).json()
    cursor = first["next_cursor"]
    assert cursor
    if len(cursor) < 8:
        pytest.skip("cursor too short to truncate meaningfully")
    r = client.get(
        "/products",
        params={
            "category": category,
            "sort": "price_cents",
            "limit": 5,
            "cursor": cursor[: len(cursor) // 2],
        },
    )
    assert r.status_code == 400, (r.status_code, r.text)


@pytest.mark.parametrize(
    "sort",
    ["price", "stock", "id", "-", "cost_price", "name; DROP TABLE products", "created_at,name"],
)
def test_unknown_sort_is_rejected(client, sort):
    r = client.get("/products", params={"sort": sort})
    assert r.status_code in (400, 422), (r.status_code, r.text)
    assert client.get("/products", params={"limit": 1}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [{"min_price_cents": "-1"}, {"max_price_cents": "cheap"}, {"in_stock": "maybe"}],
    ids=["negative-min", "text-max", "bad-bool"],
)
def test_invalid_filters_are_rejected(client, params):
    r = client.get("/products", params=params)
    assert r.status_code in (400, 422), (r.status_code, r.text)
