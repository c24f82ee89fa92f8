"""The limit is enforced by the service as a whole: exact under bursts spread over two workers."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import LIMIT, burst_in_one_window, fresh_request, key_headers, new_key, statuses

BURST = 3 * LIMIT


@pytest.mark.critical
def test_burst_gets_exactly_the_limit(client):
    def specs():
        key = new_key("burst")
        return [("GET", "/api/ping", {"headers": key_headers(key)})] * BURST, key

    responses, _ = burst_in_one_window(specs)
    assert statuses(responses) == [200] * LIMIT + [429] * (BURST - LIMIT), statuses(responses)
    for r in responses:
        if r.status_code == 429:
            assert r.headers.get("retry-after", "").strip().isdigit(), dict(r.headers)


def test_mixed_routes_share_one_budget(client):
    def specs():
        key = new_key("mixed")
        get = ("GET", "/api/ping", {"headers": key_headers(key)})
        post = ("POST", "/api/echo", {"headers": key_headers(key), "json": {"n": 1}})
        return [get, post] * LIMIT, key

    responses, _ = burst_in_one_window(specs)
    assert statuses(responses) == [200] * LIMIT + [429] * LIMIT, statuses(responses)


@pytest.mark.critical
def test_sequential_requests_on_new_connections(client):
    key = new_key("seq")
    codes = [
        fresh_request("GET", "/api/ping", headers=key_headers(key)).status_code
        for _ in range(LIMIT + 4)
    ]
    assert codes == [200] * LIMIT + [429] * 4, codes


def test_remaining_values_unique_under_burst(client):
    def specs():
        key = new_key("rem")
        return [("GET", "/api/ping", {"headers": key_headers(key)})] * (2 * LIMIT), key

    responses, _ = burst_in_one_window(specs)
    remaining = sorted(
        int(r.headers["x-ratelimit-remaining"]) for r in responses if r.status_code == 200
    )
    assert remaining == list(range(LIMIT)), remaining
