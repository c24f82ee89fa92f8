"""Optimistic concurrency: a stale expected_version is a 409 and appends nothing."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import account, burst, deposit, events, funded, open_account, withdraw


@pytest.mark.critical
def test_stale_expected_version_is_409(client):
    acc = open_account(client)
    r = deposit(client, acc["id"], 10, expected_version=1)
    assert r.status_code == 201 and r.json()["version"] == 2, r.text
    stale = deposit(client, acc["id"], 10, expected_version=1)
    assert stale.status_code == 409, (stale.status_code, stale.text)
    stale = withdraw(client, acc["id"], 5, expected_version=3)
    assert stale.status_code == 409, (stale.status_code, stale.text)
    assert account(client, acc["id"])["balance"] == 10
    assert len(events(client, acc["id"])) == 2
    assert withdraw(client, acc["id"], 5, expected_version=2).status_code == 201


@pytest.mark.critical
def test_racing_commands_with_the_same_expected_version(client):
    acc = funded(client, 100)
    version = acc["version"]
    path = f"/accounts/{acc['id']}/deposits"
    results = burst([(path, {"amount": 10 + i, "expected_version": version}) for i in range(8)])
    codes = sorted(r.status_code for r in results)
    assert codes == [201] + [409] * 7, codes
    history = events(client, acc["id"])
    assert [e["version"] for e in history] == list(range(1, version + 2))
    winner = next(r for r in results if r.status_code == 201).json()
    assert account(client, acc["id"])["balance"] == winner["balance"]


def test_commands_without_expected_version_all_apply(client):
    acc = funded(client, 0 + 1)
    path = f"/accounts/{acc['id']}/deposits"
    results = burst([(path, {"amount": 5}) for _ in range(8)])
    assert [r.status_code for r in results] == [201] * 8
    state = account(client, acc["id"])
    assert state["balance"] == 41 and state["version"] == acc["version"] + 8
    assert sorted(e["version"] for e in events(client, acc["id"])) == list(
        range(1, state["version"] + 1)
    )


@pytest.mark.critical
def test_racing_withdrawals_never_overdraw(client):
    acc = funded(client, 100)
    path = f"/accounts/{acc['id']}/withdrawals"
    results = burst([(path, {"amount": 30}) for _ in range(10)])
    codes = [r.status_code for r in results]
    assert codes.count(201) == 3 and codes.count(422) == 7, codes
    assert account(client, acc["id"])["balance"] == 10
    assert len(events(client, acc["id"])) == acc["version"] + 3
