"""Stale fallback from the last good value, flagged; 503 problem JSON when nothing is cached."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import UPSTREAM, ensure_closed, new_sku, warm


@pytest.mark.critical
@pytest.mark.parametrize("mode", ["error", "reset"])
def test_stale_value_served_when_upstream_fails(client, mode):
    ensure_closed(client)
    sku = new_sku()
    fresh = warm(client, sku)
    UPSTREAM.set(mode)
    try:
        r = client.get(f"/products/{sku}/price")
    finally:
        UPSTREAM.set("ok")
    assert r.status_code == 200, (r.status_code, r.text)
    body = r.json()
    assert body["stale"] is True
    assert (body["sku"], body["price_cents"], body["currency"]) == (
        sku, fresh["price_cents"], fresh["currency"]
    )
    assert r.headers.get("x-data-stale", "").lower() == "true"


@pytest.mark.critical
def test_nothing_cached_is_503_problem(client):
    ensure_closed(client)
    sku = new_sku()
    UPSTREAM.set("error")
    try:
        r = client.get(f"/products/{sku}/price")
    finally:
        UPSTREAM.set("ok")
    assert r.status_code == 503, r.text
    assert r.headers.get("content-type", "").startswith("application/problem+json")
    body = r.json()
    assert body["status"] == 503 and body.get("title")
    assert "internal upstream failure" not in r.text


def test_fresh_again_after_recovery(client):
    ensure_closed(client)
    sku = new_sku()
    warm(client, sku)
    UPSTREAM.set("error")
    try:
        assert client.get(f"/products/{sku}/price").json()["stale"] is True
    finally:
        UPSTREAM.set("ok")
    ensure_closed(client)
    r = client.get(f"/products/{sku}/price")
    assert r.status_code == 200 and r.json()["stale"] is False, r.text
    assert r.headers.get("x-data-stale", "false").lower() == "false"
