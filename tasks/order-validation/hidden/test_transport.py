"""Status codes before validation: 413 size, 415 media type, 400 syntax (all as problems)."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import MAX_BODY_BYTES, assert_problem, order, orders_of


@pytest.mark.critical
def test_malformed_json_is_400(client):
    body = json.dumps(order())
    r = client.post("/orders", content=body[:-5], headers={"Content-Type": "application/json"})
    assert_problem(r, 400)
    r = client.post("/orders", content=body + "}}", headers={"Content-Type": "application/json"})
    assert_problem(r, 400)


@pytest.mark.critical
def test_wrong_content_type_is_415(client):
    body = order()
    for ctype in ("text/plain", "application/x-www-form-urlencoded"):
        r = client.post("/orders", content=json.dumps(body), headers={"Content-Type": ctype})
        assert_problem(r, 415)
    assert orders_of(client, body["customer_id"]) == []


def test_charset_parameter_is_fine(client):
    r = client.post(
        "/orders",
        content=json.dumps(order()),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert r.status_code == 201, r.text


def _padded(size: int) -> bytes:
    """A syntactically valid order of exactly `size` bytes (whitespace padding)."""
    raw = json.dumps(order()).encode()
    assert len(raw) < size
    return raw[:-1] + b" " * (size - len(raw)) + b"}"


@pytest.mark.critical
def test_body_size_limit(client):
    ok = _padded(MAX_BODY_BYTES)
    assert len(ok) == MAX_BODY_BYTES
    r = client.post("/orders", content=ok, headers={"Content-Type": "application/json"})
    assert r.status_code == 201, r.text
    big = _padded(MAX_BODY_BYTES + 1)
    r = client.post("/orders", content=big, headers={"Content-Type": "application/json"})
    assert_problem(r, 413)


def test_body_size_limit_without_content_length(client):
    big = _padded(MAX_BODY_BYTES * 2)

    def chunks():
        for i in range(0, len(big), 4096):
            yield big[i : i + 4096]

    r = client.post("/orders", content=chunks(), headers={"Content-Type": "application/json"})
    assert_problem(r, 413)
