"""Smoke tests for the GraphQL API (happy paths). Run: python -m pytest -q tests/visible"""

import os
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def _gql(client: TestClient, query: str, variables: dict | None = None, token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    r = client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    assert r.status_code == 200
    return r.json()


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_admin_creates_author_who_creates_a_book():
    with TestClient(app) as client:
        email = f"smoke-{uuid.uuid4().hex[:8]}@example.com"
        created = _gql(
            client,
            "mutation($n: String!, $e: String!) { createAuthor(name: $n, email: $e) "
            "{ token author { id email } } }",
            {"n": "Smoke", "e": email},
            token=os.environ["APP_SECRET"],
        )["data"]["createAuthor"]
        assert created["author"]["email"] == email
        book = _gql(
            client,
            'mutation { createBook(title: "Hello", year: 2020) { id title } }',
            token=created["token"],
        )["data"]["createBook"]
        assert book["title"] == "Hello"
        me = _gql(client, "{ me { name books(first: 5) { totalCount } } }", token=created["token"])
        assert me["data"]["me"]["books"]["totalCount"] == 1


def test_anonymous_cannot_create_books():
    with TestClient(app) as client:
        body = _gql(client, 'mutation { createBook(title: "Nope") { id } }')
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
