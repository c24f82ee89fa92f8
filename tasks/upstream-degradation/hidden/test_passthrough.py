"""With a healthy upstream the service answers fresh data and is always live/ready."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import UPSTREAM, ensure_closed, new_sku


@pytest.mark.critical
def test_fresh_price(client):
    ensure_closed(client)
    sku = new_sku()
    r = client.get(f"/products/{sku}/price")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["sku"] == sku and body["price_cents"] == UPSTREAM.price_of(sku)
    assert body["currency"] == "EUR" and body["stale"] is False
    assert r.headers.get("x-data-stale", "false").lower() == "false"


def test_unknown_sku_is_404_and_not_retried(client):
    ensure_closed(client)
    sku = "missing-" + new_sku()
    r = client.get(f"/products/{sku}/price")
    assert r.status_code == 404, r.text
    assert UPSTREAM.count("GET", sku) == 1


@pytest.mark.critical
def test_quote_passthrough(client):
    ensure_closed(client)
    sku = new_sku()
    r = client.post("/quotes", json={"sku": sku, "quantity": 3})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["total_cents"] == 3 * UPSTREAM.price_of(sku) and body["quote_id"]


def test_health_does_not_depend_on_upstream(client):
    try:
        UPSTREAM.set("error")
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200
    finally:
        UPSTREAM.set("ok")


@pytest.mark.parametrize("payload", [{"sku": "abc", "quantity": 0}, {"quantity": 1}], ids=["zero", "no-sku"])
def test_invalid_quote_body_is_422(client, payload):
    before = UPSTREAM.count("POST")
    assert client.post("/quotes", json=payload).status_code == 422
    assert UPSTREAM.count("POST") == before
