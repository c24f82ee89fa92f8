"""Shared helpers for the payments-idempotency hidden tests (imported, never collected)."""

import os
import ssl
import threading
import uuid

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
# Building an SSL context per httpx.Client costs ~0.1 s of CPU; share one (plain HTTP anyway).
SSL_CONTEXT = ssl.create_default_context()


def new_client_id() -> str:
    return f"merchant-{uuid.uuid4().hex[:12]}"


def new_key() -> str:
    return f"idem-{uuid.uuid4().hex}"


def headers(client_id: str, key: str | None = None) -> dict[str, str]:
    h = {"X-Client-Id": client_id}
    if key is not None:
        h["Idempotency-Key"] = key
    return h


def payment_body(**overrides: object) -> dict:
    body = {"amount": 1250, "currency": "EUR", "description": f"order {uuid.uuid4().hex[:8]}"}
    body.update(overrides)
    return body


def create(client: httpx.Client, client_id: str, key: str, body: dict) -> httpx.Response:
    return client.post("/payments", json=body, headers=headers(client_id, key))


def list_payments(client: httpx.Client, client_id: str) -> list[dict]:
    r = client.get("/payments", headers=headers(client_id))
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def replayed(r: httpx.Response) -> bool:
    return r.headers.get("idempotent-replayed", "").strip().lower() == "true"


def burst(requests_kwargs: list[dict]) -> list[httpx.Response]:
    """POST /payments once per kwargs dict at the same moment, each on its own connection."""
    barrier = threading.Barrier(len(requests_kwargs))
    results: list[object] = [None] * len(requests_kwargs)

    def send(i: int) -> None:
        with httpx.Client(base_url=BASE_URL, timeout=60, verify=SSL_CONTEXT) as c:
            c.get("/healthz")  # open the connection first so the requests leave together
            barrier.wait()
            try:
                results[i] = c.post("/payments", **requests_kwargs[i])
            except httpx.HTTPError as e:
                results[i] = e

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests_kwargs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [r for r in results if not isinstance(r, httpx.Response)]
    assert not errors, errors
    return results  # type: ignore[return-value]
