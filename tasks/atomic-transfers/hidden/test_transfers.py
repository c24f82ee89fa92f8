"""Transfers: both legs or neither; overdraft, frozen and unknown accounts change nothing."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import balance, history_ids, new_account, transfer


@pytest.mark.critical
def test_transfer_moves_money_and_is_recorded(client):
    a, b = new_account(client, "100.00"), new_account(client, "5.00")
    r = transfer(client, a["id"], b["id"], "25.5")
    assert r.status_code == 201, r.text
    t = r.json()
    assert str(t["from_account_id"]) == str(a["id"])
    assert str(t["to_account_id"]) == str(b["id"])
    assert t["amount"] == "25.50"
    assert t.get("created_at")
    assert balance(client, a["id"]) == "74.50"
    assert balance(client, b["id"]) == "30.50"
    got = client.get(f"/transfers/{t['id']}")
    assert got.status_code == 200
    assert got.json()["amount"] == "25.50"


def test_whole_balance_can_be_sent(client):
    a, b = new_account(client, "40.00"), new_account(client, "0")
    assert transfer(client, a["id"], b["id"], "40").status_code == 201
    assert balance(client, a["id"]) == "0.00"
    assert balance(client, b["id"]) == "40.00"


@pytest.mark.critical
def test_insufficient_funds_is_409_and_changes_nothing(client):
    a, b = new_account(client, "10.00"), new_account(client, "1.00")
    r = transfer(client, a["id"], b["id"], "10.01")
    assert r.status_code == 409, r.text
    assert isinstance(r.json().get("detail"), str)
    assert balance(client, a["id"]) == "10.00"
    assert balance(client, b["id"]) == "1.00"
    assert history_ids(client, a["id"]) == []


@pytest.mark.parametrize(
    "amount",
    ["0", "0.00", "-5.00", "1.001", "ten", ""],
    ids=["0", "0.00", "neg", "3dp", "text", "empty"],
)
def test_invalid_amount_is_422_and_changes_nothing(client, amount):
    a, b = new_account(client, "50.00"), new_account(client, "0")
    r = transfer(client, a["id"], b["id"], amount)
    assert r.status_code == 422, (amount, r.status_code, r.text)
    assert balance(client, a["id"]) == "50.00"
    assert balance(client, b["id"]) == "0.00"


def test_same_account_is_422(client):
    a = new_account(client, "50.00")
    r = transfer(client, a["id"], a["id"], "1.00")
    assert r.status_code == 422, r.text
    assert balance(client, a["id"]) == "50.00"
    assert history_ids(client, a["id"]) == []


@pytest.mark.critical
def test_unknown_destination_is_404_and_source_keeps_its_money(client):
    a = new_account(client, "50.00")
    r = transfer(client, a["id"], str(uuid.uuid4()), "20.00")
    assert r.status_code == 404, r.text
    assert balance(client, a["id"]) == "50.00"
    assert history_ids(client, a["id"]) == []


def test_unknown_source_is_404_and_destination_gets_nothing(client):
    b = new_account(client, "0")
    r = transfer(client, str(uuid.uuid4()), b["id"], "20.00")
    assert r.status_code == 404, r.text
    assert balance(client, b["id"]) == "0.00"


@pytest.mark.critical
def test_frozen_destination_is_409_and_changes_nothing(client):
    a, b = new_account(client, "50.00"), new_account(client, "7.00")
    r = client.post(f"/accounts/{b['id']}/freeze")
    assert r.status_code == 200, r.text
    assert r.json()["frozen"] is True
    r = transfer(client, a["id"], b["id"], "20.00")
    assert r.status_code == 409, r.text
    assert balance(client, a["id"]) == "50.00"
    assert balance(client, b["id"]) == "7.00"
    assert history_ids(client, a["id"]) == []


def test_frozen_source_is_409_and_unfreeze_restores(client):
    a, b = new_account(client, "50.00"), new_account(client, "0")
    assert client.post(f"/accounts/{a['id']}/freeze").status_code == 200
    assert transfer(client, a["id"], b["id"], "5.00").status_code == 409
    assert balance(client, a["id"]) == "50.00"
    r = client.post(f"/accounts/{a['id']}/unfreeze")
    assert r.status_code == 200 and r.json()["frozen"] is False
    assert transfer(client, a["id"], b["id"], "5.00").status_code == 201
    assert balance(client, a["id"]) == "45.00"


def test_unknown_transfer_and_freeze_are_404(client):
    assert client.get(f"/transfers/{uuid.uuid4()}").status_code == 404
    assert client.post(f"/accounts/{uuid.uuid4()}/freeze").status_code == 404
