"""PUT replaces the whole book; PATCH changes only the fields sent."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    assert_error_detail,
    assert_validation_error,
    bad_check_digit,
    book_url,
    create,
    isbn13,
    new_book,
    view,
)


@pytest.mark.critical
def test_put_replaces_and_resets_omitted_optionals(client):
    book = create(client, published_year=1999, copies=7)
    replacement = new_book()
    del replacement["published_year"], replacement["copies"]
    r = client.put(book_url(book), json=replacement)
    assert r.status_code == 200, r.text
    expected = {**replacement, "id": book["id"], "published_year": None, "copies": 1}
    assert view(r.json()) == view(expected)
    assert view(client.get(book_url(book)).json()) == view(expected)


def test_put_requires_all_required_fields(client):
    book = create(client)
    r = client.put(book_url(book), json={"title": "Only a title"})
    assert_validation_error(r)
    assert view(client.get(book_url(book)).json()) == view(book)


@pytest.mark.critical
def test_patch_changes_only_sent_fields(client):
    book = create(client, published_year=1987, copies=4)
    r = client.patch(book_url(book), json={"copies": 9, "title": "  Patched title  "})
    assert r.status_code == 200, r.text
    expected = {**book, "copies": 9, "title": "Patched title"}
    assert view(r.json()) == view(expected)
    assert view(client.get(book_url(book)).json()) == view(expected)


def test_patch_empty_body_changes_nothing(client):
    book = create(client)
    r = client.patch(book_url(book), json={})
    assert r.status_code == 200, r.text
    assert view(r.json()) == view(book)


def test_patch_null_clears_published_year(client):
    book = create(client, published_year=2001)
    r = client.patch(book_url(book), json={"published_year": None})
    assert r.status_code == 200, r.text
    assert r.json()["published_year"] is None
    assert view(client.get(book_url(book)).json()) == view({**book, "published_year": None})


@pytest.mark.parametrize("field", ["title", "author", "isbn", "copies"])
def test_patch_null_on_required_field_is_422(client, field):
    book = create(client)
    assert_validation_error(client.patch(book_url(book), json={field: None}), field)
    assert view(client.get(book_url(book)).json()) == view(book)


@pytest.mark.parametrize(
    ("method", "body", "field"),
    [
        ("put", lambda: new_book(isbn=bad_check_digit(isbn13())), "isbn"),
        ("put", lambda: new_book(extra=True), "extra"),
        ("patch", lambda: {"copies": -5}, "copies"),
        ("patch", lambda: {"title": " "}, "title"),
        ("patch", lambda: {"published_year": 3000}, "published_year"),
    ],
    ids=["put-bad-isbn", "put-unknown-field", "patch-negative", "patch-blank", "patch-year"],
)
def test_invalid_update_is_422_and_changes_nothing(client, method, body, field):
    book = create(client)
    r = client.request(method.upper(), book_url(book), json=body())
    assert_validation_error(r, field)
    assert view(client.get(book_url(book)).json()) == view(book)


def test_update_unknown_book_is_404(client):
    book = create(client)
    assert client.delete(book_url(book)).status_code == 204
    assert_error_detail(client.put(book_url(book), json=new_book()), 404)
    assert_error_detail(client.patch(book_url(book), json={"copies": 2}), 404)


def test_update_to_taken_isbn_is_409(client):
    first, second = create(client), create(client)
    assert_error_detail(client.patch(book_url(second), json={"isbn": first["isbn"]}), 409)
    put_body = {k: second[k] for k in ("title", "author", "copies")} | {"isbn": first["isbn"]}
    assert_error_detail(client.put(book_url(second), json=put_body), 409)
    assert view(client.get(book_url(second)).json()) == view(second)
    same = client.patch(book_url(second), json={"isbn": second["isbn"]})
    assert same.status_code == 200, "re-sending a book's own ISBN is not a conflict"
