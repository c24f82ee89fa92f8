"""Simultaneous requests with one key create exactly one payment (on two workers)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    burst,
    create,
    headers,
    list_payments,
    new_client_id,
    new_key,
    payment_body,
    replayed,
)

N = 20


@pytest.mark.critical
def test_identical_burst_creates_one_payment(client):
    cid, key, body = new_client_id(), new_key(), payment_body()
    responses = burst([{"json": body, "headers": headers(cid, key)}] * N)
    codes = sorted(r.status_code for r in responses)
    payments = list_payments(client, cid)
    assert len(payments) == 1, (len(payments), codes)
    assert set(codes) <= {201, 409}, codes
    created = [r for r in responses if r.status_code == 201]
    assert created, codes
    assert {r.json()["id"] for r in created} == {payments[0]["id"]}
    fresh = [r for r in created if not replayed(r)]
    assert len(fresh) == 1, f"{len(fresh)} responses claim to have created the payment"


def test_burst_then_retry_gets_the_replay(client):
    cid, key, body = new_client_id(), new_key(), payment_body()
    burst([{"json": body, "headers": headers(cid, key)}] * 10)
    payments = list_payments(client, cid)
    assert len(payments) == 1
    r = create(client, cid, key, body)
    assert r.status_code == 201 and replayed(r)
    assert r.json()["id"] == payments[0]["id"]


def test_burst_with_differing_bodies_creates_one_payment(client):
    cid, key = new_client_id(), new_key()
    bodies = [payment_body(amount=100 + i) for i in range(N)]
    responses = burst([{"json": b, "headers": headers(cid, key)} for b in bodies])
    codes = sorted(r.status_code for r in responses)
    assert codes.count(201) == 1 and set(codes) <= {201, 409, 422}, codes
    assert len(list_payments(client, cid)) == 1
