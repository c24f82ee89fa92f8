"""Same key with a different body is refused with 422 and changes nothing."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create, list_payments, new_client_id, new_key, payment_body, replayed


@pytest.mark.critical
@pytest.mark.parametrize(
    "change",
    [{"amount": 9999}, {"currency": "USD"}, {"description": "something else"}],
    ids=["amount", "currency", "description"],
)
def test_key_reuse_with_other_body_is_422(client, change):
    cid, key, body = new_client_id(), new_key(), payment_body()
    first = create(client, cid, key, body)
    assert first.status_code == 201
    r = create(client, cid, key, {**body, **change})
    assert r.status_code == 422, (r.status_code, r.text)
    assert "detail" in r.json()
    assert [p["id"] for p in list_payments(client, cid)] == [first.json()["id"]]


def test_original_still_replays_after_a_mismatch(client):
    cid, key, body = new_client_id(), new_key(), payment_body()
    first = create(client, cid, key, body)
    assert create(client, cid, key, {**body, "amount": 1}).status_code == 422
    again = create(client, cid, key, body)
    assert again.status_code == 201 and again.json() == first.json() and replayed(again)
