"""The circuit breaker opens after BREAKER_FAILURE_THRESHOLD consecutive failures, fails fast
while open, lets one trial call through after BREAKER_COOLDOWN_SECONDS, and closes on success."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import COOLDOWN, THRESHOLD, UPSTREAM, ensure_closed, new_sku, warm


def _open_breaker(client) -> None:
    UPSTREAM.set("error")
    for _ in range(THRESHOLD):
        client.get(f"/products/{new_sku()}/price")


@pytest.mark.critical
def test_open_breaker_stops_calling_the_upstream(client):
    ensure_closed(client)
    sku = new_sku()
    fresh = warm(client, sku)
    try:
        _open_breaker(client)
        before = UPSTREAM.count()
        start = time.monotonic()
        stale = client.get(f"/products/{sku}/price")
        cold = [client.get(f"/products/{new_sku()}/price") for _ in range(3)]
        elapsed = time.monotonic() - start
        assert UPSTREAM.count() == before, "calls reached the upstream while the breaker was open"
    finally:
        UPSTREAM.set("ok")
    assert stale.status_code == 200 and stale.json()["stale"] is True
    assert stale.json()["price_cents"] == fresh["price_cents"]
    assert [r.status_code for r in cold] == [503, 503, 503]
    assert elapsed < 1.0, f"open breaker should fail fast, took {elapsed:.2f} s"


def test_half_open_trial_success_closes(client):
    ensure_closed(client)
    try:
        _open_breaker(client)
    finally:
        UPSTREAM.set("ok")
    time.sleep(COOLDOWN + 0.3)
    sku = new_sku()
    r = client.get(f"/products/{sku}/price")
    assert r.status_code == 200 and r.json()["stale"] is False, r.text
    again = new_sku()
    assert client.get(f"/products/{again}/price").status_code == 200
    assert UPSTREAM.count("GET", again) == 1


def test_half_open_trial_failure_reopens(client):
    ensure_closed(client)
    try:
        _open_breaker(client)
        time.sleep(COOLDOWN + 0.3)
        before = UPSTREAM.count()
        r = client.get(f"/products/{new_sku()}/price")
        assert r.status_code == 503
        assert UPSTREAM.count() - before == 1, "half-open should allow exactly one trial call"
        before = UPSTREAM.count()
        client.get(f"/products/{new_sku()}/price")
        assert UPSTREAM.count() == before, "breaker should be open again after a failed trial"
    finally:
        UPSTREAM.set("ok")
