"""Mutations require the right caller; failures use the GraphQL error format with a code."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ADMIN_TOKEN, CREATE_AUTHOR, CREATE_BOOK, codes, gql, make_author, make_book, ok

UPDATE = """
mutation($id: ID!, $title: String) { updateBook(id: $id, title: $title) { id title } }
"""
TITLE = "query($id: ID!) { book(id: $id) { title } }"


@pytest.mark.critical
@pytest.mark.parametrize("token", [None, "tok_definitely_not_valid"], ids=["none", "invalid"])
def test_create_book_requires_authentication(client, token):
    title = f"Ghost {uuid.uuid4().hex}"
    body = gql(client, CREATE_BOOK, {"title": title}, token=token)
    assert "UNAUTHENTICATED" in codes(body), body
    assert not (body.get("data") or {}).get("createBook")
    listed = ok(gql(client, "{ books(first: 50) { edges { node { title } } } }"))
    assert title not in str(listed)


@pytest.mark.critical
def test_only_the_admin_creates_authors(client):
    author = make_author(client)
    variables = {"name": "Mallory", "email": f"m-{uuid.uuid4().hex}@example.com"}
    body = gql(client, CREATE_AUTHOR, variables, token=author.token)
    assert "FORBIDDEN" in codes(body), body
    body = gql(client, CREATE_AUTHOR, variables)
    assert "UNAUTHENTICATED" in codes(body), body
    assert ok(gql(client, CREATE_AUTHOR, variables, token=ADMIN_TOKEN))["createAuthor"]["token"]


@pytest.mark.critical
def test_only_the_owner_or_admin_updates_a_book(client):
    owner, other = make_author(client), make_author(client, "other")
    book = make_book(client, owner, title="Original")
    body = gql(client, UPDATE, {"id": book["id"], "title": "Hijacked"}, token=other.token)
    assert "FORBIDDEN" in codes(body), body
    assert ok(gql(client, TITLE, {"id": book["id"]}))["book"]["title"] == "Original"
    body = gql(client, UPDATE, {"id": book["id"], "title": "Anon"})
    assert "UNAUTHENTICATED" in codes(body), body
    updated = ok(gql(client, UPDATE, {"id": book["id"], "title": "Second"}, token=owner.token))
    assert updated["updateBook"]["title"] == "Second"
    updated = ok(gql(client, UPDATE, {"id": book["id"], "title": "Third"}, token=ADMIN_TOKEN))
    assert updated["updateBook"]["title"] == "Third"


def test_update_of_unknown_book_is_not_found(client):
    author = make_author(client)
    body = gql(client, UPDATE, {"id": uuid.uuid4().hex, "title": "x"}, token=author.token)
    assert "NOT_FOUND" in codes(body), body


@pytest.mark.parametrize("rating", [0, 6])
def test_rating_out_of_range_is_bad_user_input(client, rating):
    owner, reader = make_author(client), make_author(client, "reader")
    book = make_book(client, owner)
    mutation = 'mutation($b: ID!, $r: Int!) { addReview(bookId: $b, rating: $r, body: "x") { id } }'
    body = gql(client, mutation, {"b": book["id"], "r": rating}, token=reader.token)
    assert "BAD_USER_INPUT" in codes(body), body
    reviews = ok(
        gql(client, "query($id: ID!) { book(id: $id) { reviews { id } } }", {"id": book["id"]})
    )
    assert reviews["book"]["reviews"] == []


def test_errors_have_message_path_and_code(client):
    owner, other = make_author(client), make_author(client, "other")
    book = make_book(client, owner)
    body = gql(client, UPDATE, {"id": book["id"], "title": "nope"}, token=other.token)
    error = body["errors"][0]
    assert isinstance(error["message"], str) and error["message"]
    assert error.get("path") == ["updateBook"]
    assert error["extensions"]["code"] == "FORBIDDEN"


def test_syntax_error_is_reported_as_graphql_error(client):
    body = gql(client, "{ books(first: 2) { edges { node { title } }")
    assert body.get("errors") and isinstance(body["errors"][0]["message"], str)
