"""Clients are identified by X-API-Key; a missing key is 401 and is not counted."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import LIMIT, key_headers, new_key


@pytest.mark.critical
def test_ping_and_echo_name_the_client(client):
    key = new_key()
    r = client.get("/api/ping", headers=key_headers(key))
    assert r.status_code == 200, (r.status_code, r.text)
    assert r.json()["ok"] is True and r.json()["client"] == key
    payload = {"a": 1, "nested": {"b": [1, 2]}}
    r = client.post("/api/echo", json=payload, headers=key_headers(key))
    assert r.status_code == 200, (r.status_code, r.text)
    assert r.json()["client"] == key and r.json()["echo"] == payload


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-API-Key": ""}, {"X-API-Key": "k" * 65}],
    ids=["missing", "empty", "too-long"],
)
def test_bad_key_is_401(client, headers):
    r = client.get("/api/ping", headers=headers)
    assert r.status_code == 401, (r.status_code, r.text)
    assert "detail" in r.json()


def test_401_is_not_counted_and_health_is_not_limited(client):
    key = new_key()
    for _ in range(LIMIT + 2):
        assert client.get("/healthz", headers=key_headers(key)).status_code == 200
        assert client.get("/api/ping").status_code == 401
    codes = [client.get("/api/ping", headers=key_headers(key)).status_code for _ in range(LIMIT)]
    assert codes == [200] * LIMIT, codes
    assert client.get("/api/ping", headers=key_headers(key)).status_code == 429
    assert client.get("/healthz", headers=key_headers(key)).status_code == 200
    assert client.get("/readyz", headers=key_headers(key)).status_code == 200
