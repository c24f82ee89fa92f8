"""Shared helpers for the order-validation hidden tests (imported, never collected)."""

import json
import os
import uuid
from datetime import UTC, date, datetime, timedelta

import httpx

MAX_BODY_BYTES = int(os.environ.get("MAX_BODY_BYTES", "16384"))


def today() -> date:
    return datetime.now(UTC).date()


def future(days: int = 30) -> str:
    return (today() + timedelta(days=days)).isoformat()


def customer() -> str:
    return f"c-{uuid.uuid4().hex[:16]}"


def item(**overrides: object) -> dict:
    body = {"sku": "SKU-" + uuid.uuid4().hex[:6].upper(), "quantity": 2, "unit_price": "19.90"}
    body.update(overrides)
    return body


def order(**overrides: object) -> dict:
    body = {
        "customer_id": customer(),
        "currency": "EUR",
        "items": [item()],
        "delivery_date": future(),
    }
    body.update(overrides)
    return body


def post(client: httpx.Client, body: object) -> httpx.Response:
    return client.post(
        "/orders", content=json.dumps(body), headers={"Content-Type": "application/json"}
    )


def assert_problem(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, (r.status_code, r.text)
    ctype = r.headers.get("content-type", "")
    assert ctype.split(";")[0].strip().lower() == "application/problem+json", ctype
    body = r.json()
    for key in ("type", "title", "status", "detail"):
        assert key in body, (key, body)
    assert body["status"] == status, body
    return body


def pointers(r: httpx.Response) -> list[str]:
    """The distinct pointers of a 422 problem, sorted.

    "One entry for every violated rule": a member that breaks two rules (e.g. an sku that is too
    short and lower case) may have two entries, so tests compare the set of members pointed at.
    """
    body = assert_problem(r, 422)
    errors = body.get("errors")
    assert isinstance(errors, list) and errors, body
    for e in errors:
        assert isinstance(e.get("pointer"), str) and isinstance(e.get("message"), str), e
    return sorted({e["pointer"] for e in errors})


def orders_of(client: httpx.Client, customer_id: str) -> list[dict]:
    r = client.get("/orders", params={"customer_id": customer_id})
    assert r.status_code == 200, r.text
    return r.json()["items"]
