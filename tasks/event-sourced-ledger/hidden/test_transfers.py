"""Transfers append one event to each stream, atomically, and conserve money."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import account, burst, events, funded, open_account, statement


def _transfer(client, source, target, amount, **extra):
    body = {"from_account_id": source, "to_account_id": target, "amount": amount, **extra}
    return client.post("/transfers", json=body)


@pytest.mark.critical
def test_transfer_moves_money_and_records_both_sides(client):
    a, b = funded(client, 200), open_account(client)
    r = _transfer(client, a["id"], b["id"], 75)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["from_account"]["balance"] == 125 and body["to_account"]["balance"] == 75
    assert account(client, a["id"])["balance"] == 125
    assert account(client, b["id"])["balance"] == 75
    sent, received = events(client, a["id"])[-1], events(client, b["id"])[-1]
    assert sent["type"] == "TransferSent" and received["type"] == "TransferReceived"
    assert sent["data"]["transfer_id"] == received["data"]["transfer_id"] == body["id"]
    assert sent["data"]["to_account_id"] == b["id"] and sent["data"]["amount"] == 75
    assert received["data"]["from_account_id"] == a["id"] and received["data"]["amount"] == 75
    lines_a, lines_b = statement(client, a["id"])["entries"], statement(client, b["id"])["entries"]
    assert lines_a[-1]["amount"] == -75 and lines_a[-1]["balance_after"] == 125
    assert lines_b[-1]["amount"] == 75 and lines_b[-1]["balance_after"] == 75


def test_failed_transfers_change_nothing(client):
    a, b = funded(client, 50), open_account(client)
    before_a, before_b = len(events(client, a["id"])), len(events(client, b["id"]))
    assert _transfer(client, a["id"], b["id"], 51).status_code == 422
    assert _transfer(client, a["id"], a["id"], 10).status_code in (400, 422)
    assert _transfer(client, a["id"], uuid.uuid4().hex, 10).status_code == 404
    assert _transfer(client, a["id"], b["id"], 10, expected_version=1).status_code == 409
    assert account(client, a["id"])["balance"] == 50 and account(client, b["id"])["balance"] == 0
    assert len(events(client, a["id"])) == before_a and len(events(client, b["id"])) == before_b


@pytest.mark.critical
def test_concurrent_transfers_conserve_money(client):
    a, b, c = funded(client, 100), funded(client, 100), funded(client, 100)
    ids = [a["id"], b["id"], c["id"]]
    requests = []
    for i in range(12):
        source, target = ids[i % 3], ids[(i + 1) % 3]
        requests.append(
            ("/transfers", {"from_account_id": source, "to_account_id": target, "amount": 45})
        )
    results = burst(requests)
    assert all(r.status_code in (201, 422) for r in results), [r.text for r in results]
    balances = [account(client, i)["balance"] for i in ids]
    assert sum(balances) == 300 and min(balances) >= 0, balances
    for account_id in ids:
        history = events(client, account_id)
        assert [e["version"] for e in history] == list(range(1, len(history) + 1))
        assert statement(client, account_id)["balance"] == account(client, account_id)["balance"]


@pytest.mark.parametrize(
    "amount", [0, -50, 10**12 + 1, 1.5, "10"], ids=["zero", "neg", "too-big", "float", "str"]
)
def test_invalid_transfer_amount_is_422_and_moves_nothing(client, amount):
    """`amount` must be a JSON integer from 1 to 10^12 for transfers too (a negative one would
    pull money out of the target)."""
    a, b = funded(client, 100), funded(client, 100)
    assert _transfer(client, a["id"], b["id"], amount).status_code == 422
    assert account(client, a["id"])["balance"] == 100 and account(client, b["id"])["balance"] == 100
    assert len(events(client, a["id"])) == 2 and len(events(client, b["id"])) == 2
