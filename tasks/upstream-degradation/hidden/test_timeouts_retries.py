"""Per-call timeouts and retries with backoff (idempotent GETs only)."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import RETRIES, UPSTREAM, ensure_closed, new_sku, warm


@pytest.mark.critical
def test_slow_upstream_is_cut_by_the_timeout(client):
    ensure_closed(client)
    sku = new_sku()
    fresh = warm(client, sku)
    UPSTREAM.set("slow")  # the upstream would answer after 6 s
    try:
        start = time.monotonic()
        r = client.get(f"/products/{sku}/price", timeout=15)
        elapsed = time.monotonic() - start
    finally:
        UPSTREAM.set("ok")
    assert elapsed < 3.0, f"took {elapsed:.2f} s with a hanging upstream"
    assert r.status_code == 200, r.text
    assert r.json()["stale"] is True and r.json()["price_cents"] == fresh["price_cents"]


@pytest.mark.critical
def test_transient_failure_is_retried(client):
    ensure_closed(client)
    sku = new_sku()
    UPSTREAM.set("ok", fail_next=1)
    r = client.get(f"/products/{sku}/price")
    assert r.status_code == 200, r.text
    assert r.json()["stale"] is False
    assert UPSTREAM.count("GET", sku) == 2


def test_retries_are_bounded(client):
    ensure_closed(client)
    sku = new_sku()
    UPSTREAM.set("error")
    try:
        r = client.get(f"/products/{sku}/price")
    finally:
        UPSTREAM.set("ok")
    assert r.status_code == 503
    assert UPSTREAM.count("GET", sku) == 1 + RETRIES


@pytest.mark.critical
def test_post_is_never_retried(client):
    ensure_closed(client)
    sku = new_sku()
    UPSTREAM.set("error")
    try:
        r = client.post("/quotes", json={"sku": sku, "quantity": 2})
    finally:
        UPSTREAM.set("ok")
    assert r.status_code in (502, 503), r.text
    assert UPSTREAM.count("POST", f"#sku={sku}") == 1, "a non-idempotent POST was retried"
