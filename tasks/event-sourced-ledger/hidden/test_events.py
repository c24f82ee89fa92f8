"""The event history is the source of truth: complete, versioned, immutable, folds to the balance."""

import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import account, deposit, events, fold, open_account, statement, withdraw


@pytest.mark.critical
def test_history_records_every_command(client):
    acc = open_account(client, owner="Grace")
    deposit(client, acc["id"], 300)
    withdraw(client, acc["id"], 50)
    deposit(client, acc["id"], 7)
    history = events(client, acc["id"])
    assert [e["version"] for e in history] == [1, 2, 3, 4]
    assert [e["type"] for e in history] == [
        "AccountOpened",
        "MoneyDeposited",
        "MoneyWithdrawn",
        "MoneyDeposited",
    ]
    assert history[0]["data"]["owner"] == "Grace"
    assert [e["data"].get("amount") for e in history[1:]] == [300, 50, 7]
    assert all(e["account_id"] == acc["id"] for e in history)


@pytest.mark.critical
def test_balance_equals_fold_of_events_after_random_commands(client):
    rng = random.Random()
    acc = open_account(client)
    expected = 0
    for _ in range(25):
        amount = rng.randint(1, 60)
        if rng.random() < 0.55:
            assert deposit(client, acc["id"], amount).status_code == 201
            expected += amount
        else:
            r = withdraw(client, acc["id"], amount)
            if amount <= expected:
                assert r.status_code == 201, r.text
                expected -= amount
            else:
                assert r.status_code == 422, r.text
    state = account(client, acc["id"])
    history = events(client, acc["id"])
    assert state["balance"] == expected == fold(history)
    assert state["version"] == len(history) == history[-1]["version"]
    lines = statement(client, acc["id"])["entries"]
    assert len(lines) == len(history) - 1
    assert lines[-1]["balance_after"] == expected


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_events_cannot_be_changed(client, method):
    acc = open_account(client)
    deposit(client, acc["id"], 10)
    r = client.request(method, f"/accounts/{acc['id']}/events", json={"amount": 1})
    assert r.status_code in (404, 405), (r.status_code, r.text)
    assert len(events(client, acc["id"])) == 2
