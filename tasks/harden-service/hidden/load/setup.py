"""Load-probe setup: one user with 50 notes; the mix reads them by id and searches."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    name = f"load{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=base_url, timeout=30) as c:
        c.post("/users", json={"username": name, "password": "load-Pass-123"}).raise_for_status()
        r = c.post("/auth/login", json={"username": name, "password": "load-Pass-123"})
        token = r.raise_for_status().json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        words = ["alpha", "bravo", "charlie", "delta", "echo"]
        notes = []
        for i in range(50):
            body = {"title": f"{words[i % 5]} note {i}", "body": "lorem ipsum " * 20}
            notes.append(c.post("/notes", json=body, headers=auth).raise_for_status().json()["id"])
    return {"token": token, "note": notes, "word": words}
