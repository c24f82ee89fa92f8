"""Load-probe setup: 50 documents; the mix reads them (plain and conditional) and patches them."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    docs = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(50):
            body = {"title": f"Load doc {i} {tag}", "content": "lorem ipsum " * 40}
            docs.append(c.post("/documents", json=body).raise_for_status().json()["id"])
    return {"doc": docs}
