"""Author.email is visible only to that author and to the admin, wherever it is selected."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ADMIN_TOKEN, codes, gql, make_author, make_book, ok

AUTHOR = "query($id: ID!) { author(id: $id) { id name email } }"


@pytest.mark.critical
@pytest.mark.parametrize("who", ["anonymous", "other-author"])
def test_email_is_hidden_from_others(client, who):
    owner = make_author(client)
    token = None if who == "anonymous" else make_author(client, "other").token
    body = gql(client, AUTHOR, {"id": owner.id}, token=token)
    assert owner.email not in str(body)
    assert body["data"]["author"]["name"] == owner.name
    assert body["data"]["author"]["email"] is None
    assert "FORBIDDEN" in codes(body), body
    error = next(
        e for e in body["errors"] if (e.get("extensions") or {}).get("code") == "FORBIDDEN"
    )
    assert error.get("path") == ["author", "email"], error


def test_email_is_visible_to_owner_and_admin(client):
    owner = make_author(client)
    for token in (owner.token, ADMIN_TOKEN):
        assert (
            ok(gql(client, AUTHOR, {"id": owner.id}, token=token))["author"]["email"] == owner.email
        )


@pytest.mark.critical
def test_email_does_not_leak_through_nested_selections(client):
    owner, other = make_author(client), make_author(client, "other")
    book = make_book(client, owner)
    review = 'mutation($b: ID!) { addReview(bookId: $b, rating: 3, body: "ok") { id } }'
    ok(gql(client, review, {"b": book["id"]}, token=owner.token))
    queries = [
        ("query($id: ID!) { book(id: $id) { author { email } } }", {"id": book["id"]}),
        (
            "query($id: ID!) { book(id: $id) { reviews { reviewer { email } } } }",
            {"id": book["id"]},
        ),
        ("{ books(first: 50) { edges { node { author { name email } } } } }", {}),
        (
            "query($id: ID!) { author(id: $id) { books(first: 5) "
            "{ edges { node { author { email } } } } } }",
            {"id": owner.id},
        ),
    ]
    for query, variables in queries:
        body = gql(client, query, variables, token=other.token)
        assert owner.email not in str(body), query
