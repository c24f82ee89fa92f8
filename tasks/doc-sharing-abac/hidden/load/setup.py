"""Load-probe setup: an owner with 30 documents, half of them shared with a reader (viewer);
the mix reads them as the reader, searches, and lets the owner write."""

import uuid

import httpx

PASSWORD = "load-Pass-123"


def _user(c: httpx.Client, department: str) -> tuple[str, str]:
    email = f"load-{uuid.uuid4().hex[:10]}@example.com"
    body = {"email": email, "password": PASSWORD, "department": department}
    c.post("/auth/register", json=body).raise_for_status()
    r = c.post("/auth/token", data={"username": email, "password": PASSWORD})
    return email, str(r.raise_for_status().json()["access_token"])


def setup(base_url: str) -> dict[str, object]:
    department = f"load-{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=base_url, timeout=30) as c:
        _, owner = _user(c, department)
        reader_email, reader = _user(c, department)
        auth = {"Authorization": f"Bearer {owner}"}
        docs, words = [], ["alpha", "bravo", "charlie", "delta", "echo"]
        for i in range(30):
            body = {"title": f"{words[i % 5]} doc {i}", "content": "lorem ipsum " * 40}
            doc = c.post("/documents", json=body, headers=auth).raise_for_status().json()
            docs.append(doc["id"])
            if i % 2 == 0:
                grant = {"email": reader_email, "role": "viewer"}
                c.post(
                    f"/documents/{doc['id']}/shares", json=grant, headers=auth
                ).raise_for_status()
    return {"owner": owner, "reader": reader, "doc": docs[::2], "word": words}
