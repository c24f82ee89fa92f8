"""Shared helpers for the etag-concurrency hidden tests (imported, never collected)."""

import os
import re
import ssl
import threading
import uuid

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
# Building an SSL context per httpx.Client costs ~0.1 s of CPU; share one (plain HTTP anyway).
SSL_CONTEXT = ssl.create_default_context()
STRONG_ETAG = re.compile(r'^"[^"]*"$')


def unique(label: str) -> str:
    return f"{label} {uuid.uuid4().hex[:10]}"


def create_doc(client: httpx.Client, **overrides: object) -> tuple[dict, str]:
    body = {"title": unique("Doc"), "content": unique("content")}
    body.update(overrides)
    r = client.post("/documents", json=body)
    assert r.status_code == 201, (r.status_code, r.text)
    etag = r.headers.get("etag")
    assert etag, dict(r.headers)
    return r.json(), etag


def url(doc: dict) -> str:
    return f"/documents/{doc['id']}"


def view(doc: dict) -> dict:
    return {"id": str(doc["id"]), "title": doc["title"], "content": doc["content"]}


def current(client: httpx.Client, doc: dict) -> tuple[dict, str]:
    r = client.get(url(doc))
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json(), r.headers["etag"]


def burst(method: str, path: str, requests_kwargs: list[dict]) -> list[httpx.Response]:
    """Send one request per kwargs dict at the same moment, each on its own connection."""
    barrier = threading.Barrier(len(requests_kwargs))
    results: list[object] = [None] * len(requests_kwargs)

    def send(i: int) -> None:
        with httpx.Client(base_url=BASE_URL, timeout=60, verify=SSL_CONTEXT) as c:
            c.get("/healthz")  # open the connection first so the requests leave together
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


def run_threads(target, n: int) -> list[object]:  # type: ignore[no-untyped-def]
    """Run target(i) in n threads released together; returns their results (or exceptions)."""
    barrier = threading.Barrier(n)
    results: list[object] = [None] * n

    def work(i: int) -> None:
        barrier.wait()
        try:
            results[i] = target(i)
        except Exception as e:  # noqa: BLE001 - reported by the caller
            results[i] = e

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
