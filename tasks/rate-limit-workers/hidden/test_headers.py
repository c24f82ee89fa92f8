"""X-RateLimit-* on every limited response; 429 carries Retry-After and a JSON detail."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import LIMIT, WINDOW, key_headers, new_key


@pytest.mark.critical
def test_remaining_counts_down(client):
    key = new_key()
    seen = []
    for _ in range(LIMIT):
        r = client.get("/api/ping", headers=key_headers(key))
        assert r.status_code == 200, (r.status_code, r.text)
        assert r.headers.get("x-ratelimit-limit") == str(LIMIT), dict(r.headers)
        seen.append(int(r.headers["x-ratelimit-remaining"]))
    assert seen == list(range(LIMIT - 1, -1, -1)), seen


@pytest.mark.critical
def test_429_has_retry_after_and_headers(client):
    key = new_key()
    for _ in range(LIMIT):
        assert client.get("/api/ping", headers=key_headers(key)).status_code == 200
    r = client.get("/api/ping", headers=key_headers(key))
    assert r.status_code == 429, (r.status_code, r.text)
    retry_after = r.headers.get("retry-after")
    assert retry_after is not None and retry_after.strip().isdigit(), dict(r.headers)
    assert 1 <= int(retry_after) <= WINDOW, retry_after
    assert r.headers.get("x-ratelimit-limit") == str(LIMIT)
    assert r.headers.get("x-ratelimit-remaining") == "0"
    assert isinstance(r.json().get("detail"), str)


def test_waiting_retry_after_is_enough(client):
    key = new_key()
    started = time.monotonic()
    for _ in range(LIMIT):
        assert client.get("/api/ping", headers=key_headers(key)).status_code == 200
    r = client.get("/api/ping", headers=key_headers(key))
    assert r.status_code == 429, (r.status_code, r.text)
    # A sliding log (allowed) frees one slot per served request as each leaves the window: wait
    # out the time the served requests took too, so the whole budget is back in both designs.
    spread = time.monotonic() - started
    time.sleep(int(r.headers.get("retry-after", WINDOW)) + 0.3 + spread)
    r = client.get("/api/ping", headers=key_headers(key))
    assert r.status_code == 200, (r.status_code, r.text)
    assert r.headers.get("x-ratelimit-remaining") == str(LIMIT - 1)
    codes = [client.get("/api/ping", headers=key_headers(key)).status_code for _ in range(LIMIT)]
    assert codes == [200] * (LIMIT - 1) + [429], codes
