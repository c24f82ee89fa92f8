"""Same client, same key, same body: the original response again, no second payment."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create, headers, list_payments, new_client_id, new_key, payment_body, replayed


@pytest.mark.critical
def test_replay_returns_original_status_and_body(client):
    cid, key, body = new_client_id(), new_key(), payment_body()
    first = create(client, cid, key, body)
    assert first.status_code == 201, (first.status_code, first.text)
    for _ in range(3):
        again = create(client, cid, key, body)
        assert again.status_code == 201, (again.status_code, again.text)
        assert again.json() == first.json()
        assert replayed(again), dict(again.headers)


@pytest.mark.critical
def test_replay_creates_no_second_payment(client):
    cid, key, body = new_client_id(), new_key(), payment_body()
    first = create(client, cid, key, body).json()
    create(client, cid, key, body)
    create(client, cid, key, body)
    assert [p["id"] for p in list_payments(client, cid)] == [first["id"]]


def test_same_json_value_in_another_form_is_a_replay(client):
    cid, key = new_client_id(), new_key()
    body = {"amount": 777, "currency": "GBP", "description": "reordered"}
    first = create(client, cid, key, body)
    assert first.status_code == 201
    raw = json.dumps(dict(reversed(list(body.items()))), indent=2)
    h = {**headers(cid, key), "Content-Type": "application/json"}
    again = client.post("/payments", content=raw, headers=h)
    assert again.status_code == 201, (again.status_code, again.text)
    assert again.json() == first.json() and replayed(again)
    assert len(list_payments(client, cid)) == 1


def test_different_keys_are_different_payments(client):
    cid, body = new_client_id(), payment_body()
    a = create(client, cid, new_key(), body)
    b = create(client, cid, new_key(), body)
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]
    assert not replayed(b)
    assert len(list_payments(client, cid)) == 2
