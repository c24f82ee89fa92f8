"""Load-probe setup: authors (created by the admin), books and reviews the mix reads."""

import os
import uuid

import httpx

CREATE_AUTHOR = "mutation($n: String!, $e: String!) { createAuthor(name: $n, email: $e) { token author { id } } }"
CREATE_BOOK = "mutation($t: String!) { createBook(title: $t, year: 2001) { id } }"
ADD_REVIEW = "mutation($b: ID!, $r: Int!) { addReview(bookId: $b, rating: $r, body: \"fine\") { id } }"


def _gql(c: httpx.Client, query: str, variables: dict, token: str) -> dict:
    r = c.post("/graphql", json={"query": query, "variables": variables},
               headers={"Authorization": f"Bearer {token}"})
    body = r.raise_for_status().json()
    if body.get("errors"):
        raise RuntimeError(body["errors"])
    return body["data"]


def setup(base_url: str) -> dict[str, object]:
    admin = os.environ["APP_SECRET"]
    tag = uuid.uuid4().hex[:8]
    with httpx.Client(base_url=base_url, timeout=30) as c:
        tokens, books = [], []
        for i in range(5):
            made = _gql(c, CREATE_AUTHOR, {"n": f"load {i}", "e": f"load{tag}{i}@example.com"}, admin)
            tokens.append(made["createAuthor"]["token"])
        for i in range(30):
            made = _gql(c, CREATE_BOOK, {"t": f"load book {tag} {i}"}, tokens[i % 5])
            books.append(made["createBook"]["id"])
        for i, book in enumerate(books):
            _gql(c, ADD_REVIEW, {"b": book, "r": 1 + i % 5}, tokens[(i + 1) % 5])
    return {"book": books, "token": tokens}
