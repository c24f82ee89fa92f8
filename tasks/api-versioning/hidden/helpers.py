"""Shared helpers for the api-versioning hidden tests (imported, never collected)."""

import uuid
from datetime import datetime

import httpx

DEPRECATION = "@1767225600"
SUNSET = "Fri, 01 Jan 2027 00:00:00 GMT"
V1_FIELDS = ("id", "name", "email", "balance", "currency")
V2_FIELDS = ("id", "given_name", "family_name", "email", "balance")


def email() -> str:
    return f"c-{uuid.uuid4().hex[:12]}@example.com"


def v1_create(client: httpx.Client, **fields: object) -> dict:
    body = {"name": "Ada Lovelace", "email": email(), "balance": "12.50", "currency": "GBP"}
    body.update(fields)
    r = client.post("/v1/customers", json=body)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def v2_create(client: httpx.Client, **fields: object) -> dict:
    body = {
        "given_name": "Ada",
        "family_name": "Lovelace",
        "email": email(),
        "balance": {"amount": "12.50", "currency": "GBP"},
    }
    body.update(fields)
    r = client.post("/v2/customers", json=body)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def v1_view(c: dict) -> dict:
    """The v1 fields clients use, exactly (id as a string); created_at must parse."""
    datetime.fromisoformat(c["created_at"].replace("Z", "+00:00"))
    return {k: (str(c[k]) if k == "id" else c[k]) for k in V1_FIELDS}


def v2_view(c: dict) -> dict:
    datetime.fromisoformat(c["created_at"].replace("Z", "+00:00"))
    return {k: (str(c[k]) if k == "id" else c[k]) for k in V2_FIELDS}


def assert_deprecated(r: httpx.Response) -> None:
    assert r.headers.get("deprecation") == DEPRECATION, dict(r.headers)
    assert r.headers.get("sunset") == SUNSET, dict(r.headers)
    assert 'rel="successor-version"' in r.headers.get("link", ""), dict(r.headers)
