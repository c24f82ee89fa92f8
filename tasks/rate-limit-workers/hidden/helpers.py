"""Shared helpers for the rate-limit-workers hidden tests (imported, never collected)."""

import os
import ssl
import threading
import time
import uuid

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
LIMIT = int(os.environ.get("RATE_LIMIT", "5"))
WINDOW = int(os.environ.get("RATE_WINDOW_SECONDS", "3"))
# Building an SSL context per httpx.Client costs ~0.1 s of CPU; share one (plain HTTP anyway).
SSL_CONTEXT = ssl.create_default_context()


def new_key(label: str = "client") -> str:
    return f"{label}-{uuid.uuid4().hex[:16]}"


def key_headers(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def fresh_request(method: str, path: str, **kwargs: object) -> httpx.Response:
    """One request on a brand-new connection (so successive calls spread over both workers)."""
    with httpx.Client(base_url=BASE_URL, timeout=30, verify=SSL_CONTEXT) as c:
        return c.request(method, path, **kwargs)


def burst(specs: list[tuple[str, str, dict]]) -> tuple[list[httpx.Response], float]:
    """Send one request per (method, path, kwargs) at the same moment, each on its own connection.

    Returns the responses and how long the burst took from release to the last answer.
    """
    barrier = threading.Barrier(len(specs) + 1)
    results: list[object] = [None] * len(specs)

    def send(i: int) -> None:
        method, path, kwargs = specs[i]
        with httpx.Client(base_url=BASE_URL, timeout=60, verify=SSL_CONTEXT) as c:
            c.get("/healthz")  # open the connection first so the requests leave together
            barrier.wait()
            try:
                results[i] = c.request(method, path, **kwargs)
            except httpx.HTTPError as e:
                results[i] = e

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(specs))]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.monotonic()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    errors = [r for r in results if not isinstance(r, httpx.Response)]
    assert not errors, errors
    return results, elapsed  # type: ignore[return-value]


def burst_in_one_window(make_specs, attempts: int = 3):  # type: ignore[no-untyped-def]
    """Run `make_specs()` as a burst; retry with fresh keys if the machine was too slow for the
    whole burst to land inside one window (then the exact count is not defined)."""
    for _ in range(attempts):
        specs, context = make_specs()
        responses, elapsed = burst(specs)
        if elapsed < WINDOW * 0.8:
            return responses, context
    raise AssertionError(f"bursts never completed within {WINDOW * 0.8:.1f} s; machine too slow")


def statuses(responses: list[httpx.Response]) -> list[int]:
    return sorted(r.status_code for r in responses)
