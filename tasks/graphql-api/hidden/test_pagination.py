"""Book lists are Relay-style connections: first/after, edges with cursors, pageInfo, totalCount."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import codes, gql, make_author, make_book, ok

AUTHOR_BOOKS = """
query($id: ID!, $first: Int!, $after: String) {
  author(id: $id) {
    books(first: $first, after: $after) {
      totalCount
      edges { cursor node { id title } }
      pageInfo { hasNextPage endCursor }
    }
  }
}"""


def _page(client, author_id, first, after=None):
    body = gql(client, AUTHOR_BOOKS, {"id": author_id, "first": first, "after": after})
    return ok(body)["author"]["books"]


@pytest.mark.critical
def test_walking_an_authors_books_page_by_page(client):
    author = make_author(client)
    created = [make_book(client, author, title=f"Vol {i}")["id"] for i in range(5)]
    seen, after, pages = [], None, 0
    while True:
        page = _page(client, author.id, 2, after)
        assert page["totalCount"] == 5
        seen += [e["node"]["id"] for e in page["edges"]]
        pages += 1
        assert len(page["edges"]) <= 2
        if page["edges"]:
            assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        assert pages < 10
    assert seen == created
    assert pages == 3


def test_global_book_list_pages_do_not_overlap(client):
    author = make_author(client)
    for i in range(3):
        make_book(client, author, title=f"G{i}")
    query = """query($after: String) { books(first: 3, after: $after) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
    first = ok(gql(client, query))["books"]
    assert len(first["edges"]) == 3 and first["pageInfo"]["hasNextPage"] in (True, False)
    if first["pageInfo"]["hasNextPage"]:
        second = ok(gql(client, query, {"after": first["pageInfo"]["endCursor"]}))["books"]
        ids_1 = {e["node"]["id"] for e in first["edges"]}
        ids_2 = {e["node"]["id"] for e in second["edges"]}
        assert ids_2 and not ids_1 & ids_2


@pytest.mark.parametrize("first", [0, 51, -1])
def test_page_size_out_of_range_is_bad_user_input(client, first):
    author = make_author(client)
    body = gql(client, AUTHOR_BOOKS, {"id": author.id, "first": first})
    assert "BAD_USER_INPUT" in codes(body), body


def test_garbage_cursor_is_an_error(client):
    author = make_author(client)
    make_book(client, author)
    body = gql(client, AUTHOR_BOOKS, {"id": author.id, "first": 2, "after": "not-a-cursor!!"})
    assert body.get("errors"), body
