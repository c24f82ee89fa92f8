"""Shared helpers for the event-sourced-ledger hidden tests (imported, never collected)."""

import os
import threading
import uuid

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
ADMIN = {"X-Admin-Token": os.environ.get("APP_SECRET", "")}
SIGN = {"MoneyDeposited": 1, "MoneyWithdrawn": -1, "TransferSent": -1, "TransferReceived": 1}


def open_account(client: httpx.Client, owner: str | None = None) -> dict:
    r = client.post("/accounts", json={"owner": owner or f"owner-{uuid.uuid4().hex[:8]}"})
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def deposit(client: httpx.Client, account_id: str, amount: int, **extra: object) -> httpx.Response:
    return client.post(f"/accounts/{account_id}/deposits", json={"amount": amount, **extra})


def withdraw(client: httpx.Client, account_id: str, amount: int, **extra: object) -> httpx.Response:
    return client.post(f"/accounts/{account_id}/withdrawals", json={"amount": amount, **extra})


def funded(client: httpx.Client, amount: int) -> dict:
    account = open_account(client)
    r = deposit(client, account["id"], amount)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def account(client: httpx.Client, account_id: str) -> dict:
    r = client.get(f"/accounts/{account_id}")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def events(client: httpx.Client, account_id: str) -> list[dict]:
    r = client.get(f"/accounts/{account_id}/events")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def statement(client: httpx.Client, account_id: str) -> dict:
    r = client.get(f"/accounts/{account_id}/statement")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def fold(history: list[dict]) -> int:
    """The balance implied by an event history."""
    return sum(SIGN.get(e["type"], 0) * e["data"].get("amount", 0) for e in history)


def burst(requests: list[tuple[str, dict]]) -> list[httpx.Response]:
    """POST each (path, json) at the same moment, one thread each."""
    barrier = threading.Barrier(len(requests))
    results: list[object] = [None] * len(requests)

    def send(i: int) -> None:
        with httpx.Client(base_url=BASE_URL, timeout=60, verify=False) as c:
            c.get("/healthz")
            barrier.wait()
            try:
                path, body = requests[i]
                results[i] = c.post(path, json=body)
            except httpx.HTTPError as e:
                results[i] = e

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [r for r in results if not isinstance(r, httpx.Response)]
    assert not errors, errors
    return results  # type: ignore[return-value]
