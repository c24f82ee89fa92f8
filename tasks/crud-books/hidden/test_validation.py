"""Validation: every invalid body is rejected with 422 and a FastAPI-style error list."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_validation_error, bad_check_digit, isbn13, new_book


def _without(field: str) -> dict:
    body = new_book()
    del body[field]
    return body


INVALID = [
    ("missing-title", lambda: _without("title"), "title"),
    ("missing-author", lambda: _without("author"), "author"),
    ("missing-isbn", lambda: _without("isbn"), "isbn"),
    ("blank-title", lambda: new_book(title="   "), "title"),
    ("empty-author", lambda: new_book(author=""), "author"),
    ("title-too-long", lambda: new_book(title="x" * 201), "title"),
    ("author-too-long", lambda: new_book(author="y" * 101), "author"),
    ("isbn-12-digits", lambda: new_book(isbn=isbn13()[:12]), "isbn"),
    ("isbn-letters", lambda: new_book(isbn="97803061X7157"), "isbn"),
    ("isbn-hyphens", lambda: new_book(isbn="978-0-306-40615-7"), "isbn"),
    ("isbn-check-digit", lambda: new_book(isbn=bad_check_digit(isbn13())), "isbn"),
    ("year-too-early", lambda: new_book(published_year=1449), "published_year"),
    ("year-too-late", lambda: new_book(published_year=2101), "published_year"),
    ("copies-negative", lambda: new_book(copies=-1), "copies"),
    ("copies-not-a-number", lambda: new_book(copies="many"), "copies"),
    ("unknown-field", lambda: new_book(publisher="Acme"), "publisher"),
    ("client-sent-id", lambda: new_book(id=123), "id"),
]


@pytest.mark.parametrize(
    ("make_body", "field"), [(m, f) for _, m, f in INVALID], ids=[name for name, _, _ in INVALID]
)
def test_invalid_create_is_422(client, make_body, field):
    body = make_body()
    r = client.post("/books", json=body)
    assert_validation_error(r, field)
    if "isbn" in body and isinstance(body["isbn"], str):
        listed = client.get("/books", params={"author": body.get("author", ""), "limit": 100})
        assert all(b["isbn"] != body["isbn"] for b in listed.json()["items"])


@pytest.mark.critical
def test_boundaries_are_accepted(client):
    body = new_book(title="t" * 200, author="a" * 100, published_year=1450, copies=0)
    assert client.post("/books", json=body).status_code == 201
    body = new_book(published_year=2100, isbn=isbn13("979"))
    assert client.post("/books", json=body).status_code == 201


def test_malformed_json_is_rejected_without_crash(client):
    r = client.post(
        "/books", content=b'{"title": "x", ', headers={"content-type": "application/json"}
    )
    assert r.status_code in (400, 422), r.text
    r = client.post("/books", json=["not", "an", "object"])
    assert r.status_code in (400, 422), r.text
