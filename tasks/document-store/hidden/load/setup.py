"""Load-probe setup: one user with 30 small text documents; the mix reads their metadata, their
content and the listing (the mix sends JSON only, so uploads are not part of it)."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    name = f"load-{uuid.uuid4().hex[:10]}"
    headers = {"X-User": name}
    docs = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(30):
            body = f"document {i}\n".encode() + b"lorem ipsum dolor sit amet\n" * 40
            files = {"file": (f"doc{i}.txt", body, "text/plain")}
            r = c.post("/documents", headers=headers, files=files)
            docs.append(r.raise_for_status().json()["id"])
    return {"user": name, "doc": docs}
