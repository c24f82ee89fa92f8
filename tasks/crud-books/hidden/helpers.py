"""Shared helpers for the crud-books hidden tests (imported, never collected)."""

import os
import random
import threading
import uuid

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")


def isbn13(prefix: str = "978") -> str:
    """A random ISBN-13 with a valid check digit."""
    body = prefix + "".join(random.choice("0123456789") for _ in range(12 - len(prefix)))
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def bad_check_digit(isbn: str) -> str:
    return isbn[:-1] + str((int(isbn[-1]) + 1) % 10)


def unique(label: str) -> str:
    return f"{label} {uuid.uuid4().hex[:10]}"


def new_book(**overrides: object) -> dict:
    book = {
        "title": unique("Title"),
        "author": unique("Author"),
        "isbn": isbn13(),
        "published_year": random.randint(1900, 2024),
        "copies": random.randint(0, 9),
    }
    book.update(overrides)
    return book


def create(client: httpx.Client, **overrides: object) -> dict:
    body = new_book(**overrides)
    r = client.post("/books", json=body)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


BOOK_FIELDS = ("title", "author", "isbn", "published_year", "copies")


def view(book: dict) -> dict:
    """The contract fields of a book (extra fields are allowed and ignored); the id as a string."""
    return {"id": str(book["id"]), **{f: book[f] for f in BOOK_FIELDS}}


def views(books: list[dict]) -> list[dict]:
    return [view(b) for b in books]


def book_url(book: dict) -> str:
    return f"/books/{book['id']}"


def assert_validation_error(r: httpx.Response, field: str | None = None) -> None:
    """422 with FastAPI's error list; when `field` is given some error's loc must end with it."""
    assert r.status_code == 422, (r.status_code, r.text)
    detail = r.json()["detail"]
    assert isinstance(detail, list) and detail, detail
    for err in detail:
        assert isinstance(err.get("loc"), list) and isinstance(err.get("msg"), str), err
    if field is not None:
        assert any(err["loc"] and err["loc"][-1] == field for err in detail), detail


def assert_error_detail(r: httpx.Response, status: int) -> None:
    assert r.status_code == status, (r.status_code, r.text)
    assert isinstance(r.json().get("detail"), str), r.text


def burst(method: str, path: str, json_bodies: list[dict]) -> list[httpx.Response]:
    """Send one request per body at the same moment, each from its own thread and connection."""
    barrier = threading.Barrier(len(json_bodies))
    results: list[httpx.Response | Exception] = [None] * len(json_bodies)  # type: ignore[list-item]

    def send(i: int) -> None:
        # No connection is opened before the barrier: on a slow host an idle keep-alive
        # connection can be closed by the server (uvicorn's keep-alive is 5 s) while the
        # threads are still gathering, and the burst would then fail with a reset.
        with httpx.Client(base_url=BASE_URL, timeout=30) as c:
            barrier.wait()
            try:
                results[i] = c.request(method, path, json=json_bodies[i])
            except httpx.HTTPError as e:
                results[i] = e

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(json_bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    return results  # type: ignore[return-value]
