"""Create and read single books: status codes, Location, round trips, defaults."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_error_detail, book_url, create, new_book, view

FIELDS = ("title", "author", "isbn", "published_year", "copies")


@pytest.mark.critical
def test_create_returns_201_with_book_and_location(client):
    body = new_book()
    r = client.post("/books", json=body)
    assert r.status_code == 201, r.text
    book = r.json()
    assert book.get("id") not in (None, "")
    for field in FIELDS:
        assert book[field] == body[field], field
    assert r.headers.get("location", "").endswith(f"/books/{book['id']}")


@pytest.mark.critical
def test_get_returns_what_was_created(client):
    created = create(client)
    r = client.get(book_url(created))
    assert r.status_code == 200, r.text
    assert view(r.json()) == view(created)


def test_location_header_resolves(client):
    body = new_book()
    r = client.post("/books", json=body)
    assert r.status_code == 201
    location = r.headers["location"]
    path = location if location.startswith("/") else "/" + location.split("/", 3)[-1]
    got = client.get(path)
    assert got.status_code == 200 and got.json()["isbn"] == body["isbn"]


def test_optional_fields_default(client):
    body = new_book()
    del body["published_year"], body["copies"]
    r = client.post("/books", json=body)
    assert r.status_code == 201, r.text
    assert r.json()["published_year"] is None
    assert r.json()["copies"] == 1


def test_title_and_author_are_trimmed(client):
    body = new_book()
    r = client.post(
        "/books", json={**body, "title": f"  {body['title']}\t", "author": f" {body['author']} "}
    )
    assert r.status_code == 201, r.text
    assert r.json()["title"] == body["title"]
    assert r.json()["author"] == body["author"]
    assert client.get(book_url(r.json())).json()["title"] == body["title"]


def test_get_unknown_book_is_404_with_detail(client):
    created = create(client)
    assert client.delete(book_url(created)).status_code == 204
    assert_error_detail(client.get(book_url(created)), 404)
