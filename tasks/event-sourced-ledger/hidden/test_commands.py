"""Commands change the account and answer with its new state."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import account, deposit, events, open_account, withdraw


@pytest.mark.critical
def test_open_deposit_withdraw(client):
    acc = open_account(client, owner="Ada")
    assert acc["balance"] == 0 and acc["version"] == 1 and acc["owner"] == "Ada", acc
    r = deposit(client, acc["id"], 500)
    assert r.status_code == 201, r.text
    assert r.json()["balance"] == 500 and r.json()["version"] == 2
    r = withdraw(client, acc["id"], 120)
    assert r.status_code == 201, r.text
    assert r.json()["balance"] == 380 and r.json()["version"] == 3
    state = account(client, acc["id"])
    assert (state["id"], state["owner"], state["balance"], state["version"]) == (
        acc["id"],
        "Ada",
        380,
        3,
    )


@pytest.mark.critical
def test_insufficient_funds_is_rejected_and_appends_nothing(client):
    acc = open_account(client)
    assert deposit(client, acc["id"], 100).status_code == 201
    r = withdraw(client, acc["id"], 101)
    assert r.status_code == 422, (r.status_code, r.text)
    assert account(client, acc["id"])["balance"] == 100
    assert len(events(client, acc["id"])) == 2


@pytest.mark.parametrize(
    "amount", [0, -5, 1.5, "10", None], ids=["zero", "neg", "float", "str", "null"]
)
def test_invalid_amount_is_422(client, amount):
    acc = open_account(client)
    assert deposit(client, acc["id"], amount).status_code == 422
    assert withdraw(client, acc["id"], amount).status_code == 422
    assert len(events(client, acc["id"])) == 1


def test_unknown_account_is_404(client):
    missing = uuid.uuid4().hex
    assert client.get(f"/accounts/{missing}").status_code == 404
    assert deposit(client, missing, 10).status_code == 404
    assert withdraw(client, missing, 10).status_code == 404
    assert client.get(f"/accounts/{missing}/events").status_code == 404
    assert client.get(f"/accounts/{missing}/statement").status_code == 404
