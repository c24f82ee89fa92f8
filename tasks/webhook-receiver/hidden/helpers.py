"""Shared helpers for the webhook-receiver hidden tests (imported, never collected)."""

import base64
import hashlib
import hmac
import json
import os
import threading
import time
import uuid

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
SECRET = os.environ["WEBHOOK_SECRET"]
TOLERANCE = int(os.environ.get("WEBHOOK_TOLERANCE_SECONDS", "300"))
PATH = "/webhooks/inbound"


def new_id(label: str = "evt") -> str:
    return f"{label}_{uuid.uuid4().hex}"


def signature(event_id: str, timestamp: str, body: bytes, secret: str = SECRET) -> str:
    signed = f"{event_id}.{timestamp}.".encode() + body
    return base64.b64encode(hmac.new(secret.encode(), signed, hashlib.sha256).digest()).decode()


def compact(payload: object) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def signed_headers(
    event_id: str, body: bytes, *, timestamp: int | str | None = None, secret: str = SECRET
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": "application/json",
        "Webhook-Id": event_id,
        "Webhook-Timestamp": ts,
        "Webhook-Signature": f"v1,{signature(event_id, ts, body, secret)}",
    }


def deliver(client: httpx.Client, event_id: str, body: bytes, **kwargs: object) -> httpx.Response:
    return client.post(PATH, content=body, headers=signed_headers(event_id, body, **kwargs))


def counter_event(counter: str, amount: int) -> bytes:
    return compact({"type": "counter.incremented", "data": {"counter": counter, "amount": amount}})


def counter_value(client: httpx.Client, name: str) -> int:
    r = client.get(f"/counters/{name}")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()["value"]


def assert_not_stored(client: httpx.Client, event_id: str) -> None:
    r = client.get(f"/events/{event_id}")
    assert r.status_code == 404, f"rejected event {event_id} was stored: {r.status_code} {r.text}"


def burst(requests_kwargs: list[dict]) -> list[httpx.Response]:
    """POST each kwargs dict to the inbound endpoint at the same moment, one thread each."""
    barrier = threading.Barrier(len(requests_kwargs))
    results: list[object] = [None] * len(requests_kwargs)

    def send(i: int) -> None:
        with httpx.Client(base_url=BASE_URL, timeout=60, verify=False) as c:
            c.get("/healthz")
            barrier.wait()
            try:
                results[i] = c.post(PATH, **requests_kwargs[i])
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
