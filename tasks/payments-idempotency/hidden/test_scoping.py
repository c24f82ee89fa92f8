"""Idempotency keys belong to a client: two clients with one key get two payments."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import burst, create, headers, list_payments, new_client_id, new_key, replayed


@pytest.mark.critical
def test_same_key_for_two_clients_is_two_payments(client):
    alice, bob, key = new_client_id(), new_client_id(), new_key()
    canary = f"CANARY-{new_key()}"
    a = create(client, alice, key, {"amount": 5000, "currency": "EUR", "description": canary})
    assert a.status_code == 201
    b = create(client, bob, key, {"amount": 5000, "currency": "EUR", "description": "bob's"})
    assert b.status_code == 201, (b.status_code, b.text)
    assert canary not in b.text and not replayed(b)
    assert b.json()["id"] != a.json()["id"] and b.json()["description"] == "bob's"
    assert [p["id"] for p in list_payments(client, bob)] == [b.json()["id"]]
    assert [p["id"] for p in list_payments(client, alice)] == [a.json()["id"]]


def test_identical_request_from_another_client_is_not_a_replay(client):
    alice, bob, key = new_client_id(), new_client_id(), new_key()
    body = {"amount": 42, "currency": "CHF", "description": "same for both"}
    a = create(client, alice, key, body)
    b = create(client, bob, key, body)
    assert a.status_code == b.status_code == 201, (b.status_code, b.text)
    assert not replayed(b) and b.json()["id"] != a.json()["id"]
    assert client.get(f"/payments/{a.json()['id']}", headers=headers(bob)).status_code == 404


def test_concurrent_clients_with_one_key_each_get_one_payment(client):
    clients, key = [new_client_id() for _ in range(4)], new_key()
    body = {"amount": 300, "currency": "EUR", "description": "shared key"}
    responses = burst(
        [{"json": body, "headers": headers(c, key)} for c in clients for _ in range(4)]
    )
    assert all(r.status_code in (201, 409) for r in responses), [r.status_code for r in responses]
    for c in clients:
        assert len(list_payments(client, c)) == 1, c
