"""GET /books: author filter, creation order, limit/offset and total."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_validation_error, create, unique, views


@pytest.mark.critical
def test_filter_by_author_in_creation_order(client):
    author = unique("Listed Author")
    books = [create(client, author=author) for _ in range(3)]
    create(client)  # someone else's book
    r = client.get("/books", params={"author": author})
    assert r.status_code == 200, r.text
    page = r.json()
    assert views(page["items"]) == views(books)
    assert page["total"] == 3


def test_limit_offset_and_total(client):
    author = unique("Paged Author")
    books = [create(client, author=author) for _ in range(5)]
    first = client.get("/books", params={"author": author, "limit": 2}).json()
    assert views(first["items"]) == views(books[:2]) and first["total"] == 5
    assert first["limit"] == 2 and first["offset"] == 0
    middle = client.get("/books", params={"author": author, "limit": 2, "offset": 2}).json()
    assert views(middle["items"]) == views(books[2:4]) and middle["offset"] == 2
    last = client.get("/books", params={"author": author, "limit": 2, "offset": 4}).json()
    assert views(last["items"]) == views(books[4:]) and last["total"] == 5
    past = client.get("/books", params={"author": author, "offset": 50}).json()
    assert past["items"] == [] and past["total"] == 5


def test_default_limit_is_20(client):
    page = client.get("/books").json()
    assert page["limit"] == 20 and page["offset"] == 0
    assert len(page["items"]) <= 20


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "x"}],
    ids=["limit-0", "limit-101", "offset-negative", "limit-text"],
)
def test_out_of_range_paging_is_422(client, params):
    assert_validation_error(client.get("/books", params=params), next(iter(params)))
