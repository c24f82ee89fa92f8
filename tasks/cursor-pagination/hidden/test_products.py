"""Creating and reading single products."""

import os
import random
import sys
from datetime import UTC, datetime

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import product_body, session_tag, view


@pytest.mark.critical
def test_create_and_get_product(client):
    body = product_body(
        f"single-{session_tag()}", random.Random(), name="Tea kettle", price_cents=2599, stock=3
    )
    r = client.post("/products", json=body)
    assert r.status_code == 201, r.text
    product = r.json()
    assert product.get("id") not in (None, "")
    assert {k: product[k] for k in body} == body
    created_at = datetime.fromisoformat(product["created_at"].replace("Z", "+00:00"))
    assert created_at.tzinfo is not None
    assert abs((datetime.now(UTC) - created_at).total_seconds()) < 600
    got = client.get(f"/products/{product['id']}")
    assert got.status_code == 200, got.text
    # the same instant, not necessarily the same string (the prompt fixes only the instant)
    assert view(got.json()) == view(product)


def test_unknown_product_is_not_found(client):
    r = client.get("/products/999999999")
    assert r.status_code in (404, 422), (r.status_code, r.text)


@pytest.mark.parametrize(
    "change",
    [
        {"name": None},
        {"name": ""},
        {"name": "n" * 201},
        {"category": None},
        {"category": "c" * 51},
        {"price_cents": -1},
        {"price_cents": 9.99},
        {"price_cents": "cheap"},
        {"stock": -1},
        {"stock": None},
    ],
    ids=[
        "no-name",
        "empty-name",
        "long-name",
        "no-category",
        "long-category",
        "negative-price",
        "fractional-price",
        "text-price",
        "negative-stock",
        "no-stock",
    ],
)
def test_invalid_product_is_rejected(client, change):
    category = f"invalid-{session_tag()}"
    body = product_body(category, random.Random())
    body.update(change)
    body = {k: v for k, v in body.items() if v is not None}
    r = client.post("/products", json=body)
    assert r.status_code in (400, 422), (r.status_code, r.text)
    listed = client.get("/products", params={"category": body.get("category", category)}).json()
    assert listed["items"] == []
