"""ISBNs are unique, also under concurrent creation."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    assert_error_detail,
    book_url,
    burst,
    create,
    isbn13,
    new_book,
    view,
)


@pytest.mark.critical
def test_duplicate_isbn_is_409(client):
    book = create(client)
    r = client.post("/books", json=new_book(isbn=book["isbn"]))
    assert_error_detail(r, 409)
    assert view(client.get(book_url(book)).json()) == view(book)


@pytest.mark.critical
def test_concurrent_duplicate_creates_have_exactly_one_winner(client):
    for _ in range(5):  # several rounds: a check-then-insert race does not show every time
        isbn = isbn13()
        author = new_book()["author"]
        bodies = [new_book(isbn=isbn, author=author) for _ in range(20)]
        codes = sorted(r.status_code for r in burst("POST", "/books", bodies))
        assert codes.count(201) == 1, codes
        assert codes.count(409) == 19, codes
        listed = client.get("/books", params={"author": author, "limit": 100}).json()
        assert listed["total"] == 1 and [b["isbn"] for b in listed["items"]] == [isbn]


def test_concurrent_distinct_creates_all_succeed(client):
    author = new_book()["author"]
    bodies = [new_book(author=author) for _ in range(20)]
    responses = burst("POST", "/books", bodies)
    assert [r.status_code for r in responses] == [201] * 20
    ids = {str(r.json()["id"]) for r in responses}
    assert len(ids) == 20
    listed = client.get("/books", params={"author": author, "limit": 100}).json()
    assert listed["total"] == 20
    assert {b["isbn"] for b in listed["items"]} == {b["isbn"] for b in bodies}
