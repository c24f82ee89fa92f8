"""Shared helpers for the cursor-pagination hidden tests (imported, never collected).

`catalog()` seeds two categories unique to this test session, once per process.
"""

import itertools
import os
import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import cache

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
PRICES = [0, 99, 500, 999, 1000, 1999, 2500, 4999, 5000, 7500, 9999, 12000]
ADJECTIVES = ["amber", "bold", "crisp", "dusty", "eager", "fuzzy"]
NOUNS = ["anchor", "bottle", "candle", "drum", "easel", "funnel"]
STOCKS = [0, 0, 1, 2, 5, 10, 50]
SORTS = ("created_at", "-created_at", "price_cents", "-price_cents", "name", "-name")
PLAIN_FIELDS = ("name", "category", "price_cents", "stock")


def session_tag() -> str:
    return uuid.uuid4().hex[:10]


def product_body(category: str, rng: random.Random, **overrides: object) -> dict:
    body = {
        "name": f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        "category": category,
        "price_cents": rng.choice(PRICES),
        "stock": rng.choice(STOCKS),
    }
    body.update(overrides)
    return body


def create_many(bodies: list[dict], threads: int = 8) -> list[dict]:
    """POST every body from `threads` threads sharing one client; the created products, in order."""
    with httpx.Client(base_url=BASE_URL, timeout=30) as c:

        def post(body: dict) -> dict:
            r = c.post("/products", json=body)
            assert r.status_code == 201, (r.status_code, r.text)
            return r.json()

        with ThreadPoolExecutor(threads) as pool:
            return list(pool.map(post, bodies))


@cache
def catalog() -> dict[str, list[dict]]:
    """{category: created products} for two fresh categories: 180 and 60 products."""
    rng = random.Random()
    tag = session_tag()
    big, small = f"cat-a-{tag}", f"cat-b-{tag}"
    bodies = [product_body(big, rng) for _ in range(180)] + [
        product_body(small, rng) for _ in range(60)
    ]
    rng.shuffle(bodies)
    created = create_many(bodies)
    return {
        big: [p for p in created if p["category"] == big],
        small: [p for p in created if p["category"] == small],
    }


def key(product: dict) -> str:
    return str(product["id"])


def sort_value(product: dict, sort: str):
    field = sort.lstrip("-")
    value = product[field]
    if field == "created_at":
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        assert parsed.tzinfo is not None, f"created_at has no timezone: {value!r}"
        return parsed
    return value


def view(product: dict) -> dict:
    """The contract fields of a product, with created_at parsed (extra fields are ignored)."""
    return {
        "id": key(product),
        **{f: product[f] for f in PLAIN_FIELDS},
        "created_at": sort_value(product, "created_at"),
    }


def walk(client: httpx.Client, params: dict, max_pages: int = 400) -> list[dict]:
    """Every page of GET /products for `params`, following next_cursor to the end."""
    pages, cursor = [], None
    for _ in range(max_pages):
        query = dict(params) if cursor is None else {**params, "cursor": cursor}
        r = client.get("/products", params=query)
        assert r.status_code == 200, (query, r.status_code, r.text)
        page = r.json()
        assert isinstance(page["items"], list) and "next_cursor" in page, page
        pages.append(page)
        cursor = page["next_cursor"]
        if cursor is None:
            return pages
        assert isinstance(cursor, str) and cursor, cursor
    raise AssertionError(f"no end after {max_pages} pages: next_cursor never became null")


def assert_sorted(items: list[dict], sort: str) -> None:
    values = [sort_value(p, sort) for p in items]
    pairs = list(itertools.pairwise(values))
    if sort.startswith("-"):
        bad = [(a, b) for a, b in pairs if a < b]
    else:
        bad = [(a, b) for a, b in pairs if a > b]
    assert not bad, f"order broken for sort={sort}: {bad[:3]}"


def assert_no_duplicates(items: list[dict]) -> None:
    ids = [key(p) for p in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"{len(dupes)} products returned twice, e.g. {dupes[:3]}"
