"""DELETE removes the book for good."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_error_detail, book_url, create


@pytest.mark.critical
def test_delete_is_204_then_gone(client):
    book = create(client)
    r = client.delete(book_url(book))
    assert r.status_code == 204, r.text
    assert r.content == b""
    assert_error_detail(client.get(book_url(book)), 404)
    assert_error_detail(client.delete(book_url(book)), 404)
    listed = client.get("/books", params={"author": book["author"]}).json()
    assert listed["items"] == [] and listed["total"] == 0


def test_isbn_is_free_again_after_delete(client):
    book = create(client)
    assert client.delete(book_url(book)).status_code == 204
    again = {k: book[k] for k in ("title", "author", "isbn", "published_year", "copies")}
    assert client.post("/books", json=again).status_code == 201
