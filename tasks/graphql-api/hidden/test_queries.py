"""Authors, books and reviews can be created and read back through /graphql."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import gql, make_author, make_book, ok

BOOK = """
query($id: ID!) {
  book(id: $id) {
    id title year averageRating
    author { id name }
    reviews { rating body reviewer { id name } }
  }
}"""


@pytest.mark.critical
def test_me_returns_the_calling_author_with_email(client):
    author = make_author(client)
    data = ok(gql(client, "{ me { id name email } }", token=author.token))
    assert data["me"] == {"id": author.id, "name": author.name, "email": author.email}
    assert ok(gql(client, "{ me { id } }"))["me"] is None


@pytest.mark.critical
def test_create_and_read_a_book_with_reviews(client):
    writer, reader = make_author(client), make_author(client, "reader")
    book = make_book(client, writer, title="Dune", year=1965)
    assert book["title"] == "Dune" and book["year"] == 1965
    review = """
    mutation($book: ID!, $rating: Int!, $body: String!) {
      addReview(bookId: $book, rating: $rating, body: $body) { id rating body }
    }"""
    for rating in (5, 4):
        body = {"book": book["id"], "rating": rating, "body": f"r{rating}"}
        added = ok(gql(client, review, body, token=reader.token))["addReview"]
        assert added["rating"] == rating
    got = ok(gql(client, BOOK, {"id": book["id"]}))["book"]
    assert got["title"] == "Dune" and got["author"] == {"id": writer.id, "name": writer.name}
    assert [r["rating"] for r in got["reviews"]] == [5, 4]
    assert got["reviews"][0]["reviewer"] == {"id": reader.id, "name": reader.name}
    assert got["averageRating"] == pytest.approx(4.5)


def test_unknown_ids_resolve_to_null(client):
    missing = uuid.uuid4().hex
    data = ok(
        gql(
            client,
            "query($id: ID!) { book(id: $id) { id } author(id: $id) { id } }",
            {"id": missing},
        )
    )
    assert data == {"book": None, "author": None}
