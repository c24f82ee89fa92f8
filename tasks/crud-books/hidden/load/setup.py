"""Load-probe setup: 60 books by 6 authors; the mix reads them by id and lists by author."""

import random
import uuid

import httpx


def isbn13() -> str:
    body = "979" + "".join(random.choice("0123456789") for _ in range(9))
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    authors = [f"Load Author {tag} {i}" for i in range(6)]
    books = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(60):
            body = {"title": f"Load book {i}", "author": authors[i % 6], "isbn": isbn13()}
            r = c.post("/books", json=body)
            if r.status_code == 409:  # a random ISBN already taken: try another one
                r = c.post("/books", json={**body, "isbn": isbn13()})
            books.append(r.raise_for_status().json()["id"])
    return {"book": books, "author": authors}
