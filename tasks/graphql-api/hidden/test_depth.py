"""Queries deeper than MAX_QUERY_DEPTH are rejected before anything is resolved."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import MAX_DEPTH, gql, make_author, make_book, ok


def _nested(depth: int) -> str:
    """A query of exactly `depth` (levels below the top-level field; leaves count)."""
    # book(id) > author > books > edges > node > author > books > edges > node ...
    chain = ["author", "books(first: 1)", "edges", "node"]
    inner, levels = "id", 1
    parts = []
    while levels < depth:
        parts.append(chain[(levels - 1) % len(chain)])
        levels += 1
    query = inner
    for field in reversed(parts):
        query = f"{field} {{ {query} }}"
    return f"query($id: ID!) {{ book(id: $id) {{ {query} }} }}"


def _book(client):
    author = make_author(client)
    return make_book(client, author)


def test_query_at_the_limit_is_allowed(client):
    book = _book(client)
    data = ok(gql(client, _nested(MAX_DEPTH), {"id": book["id"]}))
    assert data["book"] is not None


@pytest.mark.critical
def test_query_one_level_too_deep_is_rejected(client):
    book = _book(client)
    body = gql(client, _nested(MAX_DEPTH + 1), {"id": book["id"]})
    assert body.get("errors"), body
    assert not body.get("data"), body
    assert all(isinstance(e.get("message"), str) for e in body["errors"])


@pytest.mark.critical
def test_deep_fragment_bomb_is_rejected(client):
    book = _book(client)
    query = """
    fragment A on Author { books(first: 1) { edges { node { ...B } } } }
    fragment B on Book { author { ...C } }
    fragment C on Author { books(first: 1) { edges { node { author { name } } } } }
    query($id: ID!) { book(id: $id) { author { ...A } } }
    """
    body = gql(client, query, {"id": book["id"]})
    assert body.get("errors") and not body.get("data"), body
