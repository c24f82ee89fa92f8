"""Smoke tests for the books service (happy paths only). Run: python -m pytest -q tests/visible"""

import os
import random
import tempfile
import uuid

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/smoke.db")
os.environ.setdefault("APP_SECRET", uuid.uuid4().hex)

from fastapi.testclient import TestClient

from app.main import app


def random_isbn13() -> str:
    body = "978" + "".join(random.choice("0123456789") for _ in range(9))
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def test_health_and_ready():
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_create_then_get():
    with TestClient(app) as client:
        body = {"title": "Dune", "author": "Frank Herbert", "isbn": random_isbn13()}
        r = client.post("/books", json=body)
        assert r.status_code == 201
        book = r.json()
        assert book["title"] == "Dune" and book["copies"] == 1 and book["published_year"] is None
        assert client.get(f"/books/{book['id']}").json() == book


def test_list_by_author():
    with TestClient(app) as client:
        author = f"Ursula {uuid.uuid4().hex[:8]}"
        for title in ("A Wizard of Earthsea", "The Dispossessed"):
            body = {"title": title, "author": author, "isbn": random_isbn13(), "copies": 2}
            assert client.post("/books", json=body).status_code == 201
        page = client.get("/books", params={"author": author}).json()
        assert [b["title"] for b in page["items"]] == ["A Wizard of Earthsea", "The Dispossessed"]
        assert page["total"] == 2
