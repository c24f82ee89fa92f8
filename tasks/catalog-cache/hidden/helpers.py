"""Shared helpers for the catalog-cache hidden tests (imported, never collected)."""

import os
import ssl
import time
import uuid

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
TTL = int(os.environ.get("CACHE_TTL_SECONDS", "60"))
DELAY_MS = int(os.environ.get("COMPUTE_DELAY_MS", "300"))
# Building an SSL context per httpx.Client costs ~0.1 s of CPU; share one (plain HTTP anyway).
SSL_CONTEXT = ssl.create_default_context()


def unique(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:10]}"


def fresh(method: str, path: str, **kwargs: object) -> httpx.Response:
    """One request on a new connection, so that successive calls spread over both workers."""
    with httpx.Client(base_url=BASE_URL, timeout=30, verify=SSL_CONTEXT) as c:
        return c.request(method, path, **kwargs)


def create_product(client: httpx.Client, **overrides: object) -> dict:
    body = {
        "sku": unique("SKU"),
        "name": unique("Product"),
        "category": unique("cat"),
        "price_cents": 1000,
        "stock": 5,
    }
    body.update(overrides)
    r = client.post("/products", json=body)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def stats(client: httpx.Client) -> dict[str, int]:
    r = client.get("/internal/stats")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


class Runs:
    """Counts pricing/analytics runs caused by the block (tests run one at a time)."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def __enter__(self) -> "Runs":
        self.before = stats(self.client)
        return self

    def __exit__(self, *exc: object) -> None:
        after = stats(self.client)
        self.pricing = after["pricing_runs"] - self.before["pricing_runs"]
        self.summary = after["summary_runs"] - self.before["summary_runs"]


def timed_get(path: str, **kwargs: object) -> tuple[httpx.Response, float]:
    with httpx.Client(base_url=BASE_URL, timeout=30, verify=SSL_CONTEXT) as c:
        c.get("/healthz")
        start = time.perf_counter()
        r = c.get(path, **kwargs)
        return r, time.perf_counter() - start


def cache_control(r: httpx.Response) -> dict[str, str]:
    out = {}
    for part in r.headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            out[name.lower()] = value.strip().strip('"')
    return out
