"""Task-specific probes: one merchant must never obtain another merchant's payment."""

import sys
import uuid

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import create, headers, new_client_id, new_key  # noqa: E402


def _victim_payment(client):
    victim, key = new_client_id(), new_key()
    canary = f"CANARY{uuid.uuid4().hex}"
    r = create(client, victim, key, {"amount": 777, "currency": "EUR", "description": canary})
    if r.status_code != 201:
        pytest.skip(f"precondition: create answered {r.status_code}")
    return victim, key, canary, r.json()["id"]


@pytest.mark.probe("TS-key-replay-cross-client", cwe=639, critical=True)
def test_reusing_another_clients_key_does_not_replay_their_payment(client):
    _, key, canary, pay_id = _victim_payment(client)
    attacker = new_client_id()
    # The same key and the same body: a key looked up without the client replays the victim's.
    r = create(client, attacker, key, {"amount": 777, "currency": "EUR", "description": canary})
    assert pay_id not in r.text, "another client's payment was replayed through its key"


@pytest.mark.probe("TS-read-other-client-payment", cwe=639, critical=True)
def test_reading_another_clients_payment_by_id_is_refused(client):
    _, _, canary, pay_id = _victim_payment(client)
    attacker = new_client_id()
    r = client.get(f"/payments/{pay_id}", headers=headers(attacker))
    assert r.status_code in (403, 404), f"another client's payment answered {r.status_code}"
    assert canary not in r.text
    listed = client.get("/payments", headers=headers(attacker))
    assert canary not in listed.text, "another client's payment is listed"
