"""Products created during a walk neither repeat nor hide products that existed before it."""

import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    assert_no_duplicates,
    assert_sorted,
    create_many,
    key,
    product_body,
    session_tag,
    walk,
)

# sort -> (field, value that sorts before every original, value that sorts after every original)
CASES = {
    "price_cents": ("price_cents", 50, 2000),
    "-price_cents": ("price_cents", 2000, 50),
    "name": ("name", "aaa first", "zzz last"),
    "-name": ("name", "zzz last", "aaa first"),
}


@pytest.mark.critical
@pytest.mark.parametrize("sort", list(CASES))
def test_inserts_during_a_walk_do_not_duplicate_or_skip(client, sort):
    field, early, late = CASES[sort]
    category = f"live-{session_tag()}"
    rng = random.Random()
    prices, names = [100 * i for i in range(1, 11)], [f"m{i:02d} item" for i in range(10)]
    originals = create_many(
        [
            product_body(category, rng, price_cents=rng.choice(prices), name=rng.choice(names))
            for _ in range(60)
        ]
    )
    params = {"category": category, "sort": sort, "limit": 10}
    seen, cursor = [], None
    for page_number in range(100):
        query = params if cursor is None else {**params, "cursor": cursor}
        r = client.get("/products", params=query)
        assert r.status_code == 200, r.text
        seen += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if page_number == 1:  # after two pages: add products before and after the current position
            create_many([product_body(category, rng, **{field: early}) for _ in range(15)])
            create_many([product_body(category, rng, **{field: late}) for _ in range(15)])
        if cursor is None:
            break
    assert_no_duplicates(seen)
    assert {key(p) for p in originals} <= {key(p) for p in seen}, "some products were skipped"
    assert_sorted(seen, sort)


def test_walk_with_default_sort_sees_products_added_at_the_end(client):
    category = f"tail-{session_tag()}"
    rng = random.Random()
    originals = create_many([product_body(category, rng) for _ in range(25)], threads=1)
    first = walk(client, {"category": category, "limit": 10})[0]
    added = create_many([product_body(category, rng) for _ in range(5)], threads=1)
    rest = walk(client, {"category": category, "limit": 10, "cursor": first["next_cursor"]})
    items = first["items"] + [p for page in rest for p in page["items"]]
    assert_no_duplicates(items)
    assert {key(p) for p in items} == {key(p) for p in originals + added}
    assert_sorted(items, "created_at")
