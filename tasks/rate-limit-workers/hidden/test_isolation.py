"""Each API key has its own budget."""

import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import LIMIT, burst_in_one_window, key_headers, new_key


@pytest.mark.critical
def test_exhausted_client_does_not_affect_another(client):
    alice, bob = new_key("alice"), new_key("bob")
    for _ in range(LIMIT):
        assert client.get("/api/ping", headers=key_headers(alice)).status_code == 200
    assert client.get("/api/ping", headers=key_headers(alice)).status_code == 429
    r = client.get("/api/ping", headers=key_headers(bob))
    assert r.status_code == 200, (r.status_code, r.text)
    assert r.headers.get("x-ratelimit-remaining") == str(LIMIT - 1)
    codes = [client.get("/api/ping", headers=key_headers(bob)).status_code for _ in range(LIMIT)]
    assert codes == [200] * (LIMIT - 1) + [429], codes


def test_keys_differing_only_in_case_are_different_clients(client):
    key = new_key("Case")
    for _ in range(LIMIT):
        assert client.get("/api/ping", headers=key_headers(key)).status_code == 200
    assert client.get("/api/ping", headers=key_headers(key)).status_code == 429
    assert client.get("/api/ping", headers=key_headers(key.upper())).status_code == 200


def test_concurrent_clients_each_get_their_limit(client):
    def specs():
        keys = [new_key(f"multi{i}") for i in range(3)]
        return [
            ("GET", "/api/ping", {"headers": key_headers(k)})
            for k in keys
            for _ in range(LIMIT + 3)
        ], keys

    responses, keys = burst_in_one_window(specs)
    served = Counter(r.json()["client"] for r in responses if r.status_code == 200)
    assert {k: served.get(k, 0) for k in keys} == {k: LIMIT for k in keys}, served
    assert sum(r.status_code == 429 for r in responses) == 3 * 3
