"""Shared helpers for the atomic-transfers hidden tests (imported, never collected)."""

import os
import threading
import uuid
from decimal import Decimal

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")


def owner() -> str:
    return f"owner-{uuid.uuid4().hex[:10]}"


def new_account(client: httpx.Client, initial: str | None = "100.00") -> dict:
    body: dict = {"owner": owner()}
    if initial is not None:
        body["initial_balance"] = initial
    r = client.post("/accounts", json=body)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def balance(client: httpx.Client, account_id: str) -> str:
    r = client.get(f"/accounts/{account_id}")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()["balance"]


def dec(text: str) -> Decimal:
    assert isinstance(text, str), f"money must be a JSON string, got {text!r}"
    return Decimal(text)


def transfer(client: httpx.Client, src: str, dst: str, amount: str) -> httpx.Response:
    return client.post(
        "/transfers", json={"from_account_id": src, "to_account_id": dst, "amount": amount}
    )


def history_ids(client: httpx.Client, account_id: str) -> list[str]:
    r = client.get(f"/accounts/{account_id}/transfers")
    assert r.status_code == 200, (r.status_code, r.text)
    return [str(t["id"]) for t in r.json()]


def burst(method: str, path: str, requests_kwargs: list[dict]) -> list[httpx.Response]:
    """Send one request per kwargs dict at the same moment, each from its own thread."""
    barrier = threading.Barrier(len(requests_kwargs))
    results: list[object] = [None] * len(requests_kwargs)

    def send(i: int) -> None:
        # No connection is opened before the barrier: on a slow host an idle keep-alive
        # connection can be closed by the server (uvicorn's keep-alive is 5 s) while the
        # threads are still gathering, and the burst would then fail with a reset.
        with httpx.Client(base_url=BASE_URL, timeout=60) as c:
            barrier.wait()
            try:
                results[i] = c.request(method, path, **requests_kwargs[i])
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
