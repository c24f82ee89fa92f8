"""Shared helpers for the graphql-api hidden tests (imported, never collected)."""

import os
import uuid
from dataclasses import dataclass

import httpx

ADMIN_TOKEN = os.environ.get("APP_SECRET", "")
MAX_DEPTH = int(os.environ.get("MAX_QUERY_DEPTH", "5"))


@dataclass(frozen=True)
class Author:
    id: str
    name: str
    email: str
    token: str


def gql(
    client: httpx.Client, query: str, variables: dict | None = None, token: str | None = None
) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    r = client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert r.status_code in (200, 400), (r.status_code, r.text)
    body = r.json()
    assert "data" in body or "errors" in body, body
    return body


def codes(body: dict) -> list[str]:
    return [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]


def ok(body: dict) -> dict:
    assert not body.get("errors"), body.get("errors")
    return body["data"]


CREATE_AUTHOR = """
mutation($name: String!, $email: String!) {
  createAuthor(name: $name, email: $email) { token author { id name email } }
}"""
CREATE_BOOK = """
mutation($title: String!, $year: Int) { createBook(title: $title, year: $year) { id title year } }
"""


def make_author(client: httpx.Client, label: str = "author") -> Author:
    name = f"{label} {uuid.uuid4().hex[:6]}"
    email = f"canary-{uuid.uuid4().hex}@example.com"
    data = ok(gql(client, CREATE_AUTHOR, {"name": name, "email": email}, token=ADMIN_TOKEN))
    payload = data["createAuthor"]
    assert payload["author"]["email"] == email, payload
    return Author(str(payload["author"]["id"]), name, email, payload["token"])


def make_book(client: httpx.Client, author: Author, title: str | None = None, year=2001) -> dict:
    title = title or f"Book {uuid.uuid4().hex[:8]}"
    data = ok(gql(client, CREATE_BOOK, {"title": title, "year": year}, token=author.token))
    return data["createBook"]
