"""Every response carries X-Request-ID: the caller's (if valid) or a fresh one."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_item


@pytest.mark.critical
def test_valid_incoming_id_is_echoed(client):
    item = create_item(client)
    for method, path in (("GET", f"/items/{item['id']}"), ("GET", "/items/0"), ("GET", "/healthz")):
        rid = f"req-{uuid.uuid4().hex}"
        r = client.request(method, path, headers={"X-Request-ID": rid})
        assert r.headers.get("x-request-id") == rid, (path, r.status_code, r.headers)


def test_id_is_echoed_on_validation_errors(client):
    rid = f"req.{uuid.uuid4().hex[:12]}_x"
    r = client.post("/items", json={"name": ""}, headers={"X-Request-ID": rid})
    assert r.status_code == 422
    assert r.headers.get("x-request-id") == rid


@pytest.mark.critical
def test_missing_id_is_generated_and_unique(client):
    ids = [client.get("/healthz").headers.get("x-request-id") for _ in range(5)]
    assert all(ids), ids
    assert len(set(ids)) == 5, ids


@pytest.mark.parametrize(
    "bad", ["has space", "x" * 200, "semi;colon", "quote\"d"], ids=["space", "long", "semicolon", "quote"]
)
def test_invalid_incoming_id_is_replaced(client, bad):
    r = client.get("/healthz", headers={"X-Request-ID": bad})
    got = r.headers.get("x-request-id")
    assert got and got != bad, got
