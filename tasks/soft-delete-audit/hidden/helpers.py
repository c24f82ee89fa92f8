"""Shared helpers for the soft-delete-audit hidden tests (imported, never collected)."""

import uuid

import httpx

ADMIN = {"X-Actor": "root-admin", "X-Role": "admin"}


def staff(name: str = "sam") -> dict[str, str]:
    return {"X-Actor": name, "X-Role": "staff"}


def tag() -> str:
    return uuid.uuid4().hex[:12]


def new_customer(client: httpx.Client, headers: dict | None = None, **fields) -> dict:
    t = tag()
    body = {"name": f"Name {t}", "email": f"c-{t}@example.com", **fields}
    r = client.post("/customers", json=body, headers=staff() if headers is None else headers)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def search(client: httpx.Client, q: str) -> dict:
    r = client.get("/customers", params={"q": q})
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def audit(client: httpx.Client, customer_id) -> list[dict]:
    r = client.get("/admin/audit", params={"customer_id": customer_id}, headers=ADMIN)
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def delete(client: httpx.Client, customer_id, headers: dict | None = None) -> None:
    r = client.delete(f"/customers/{customer_id}", headers=staff() if headers is None else headers)
    assert r.status_code in (200, 204), (r.status_code, r.text)
