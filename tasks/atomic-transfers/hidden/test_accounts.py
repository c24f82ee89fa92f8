"""Accounts: creation, money formatting, lookup, validation."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import new_account, owner


@pytest.mark.critical
def test_create_and_get_account(client):
    created = new_account(client, "100")
    assert created["balance"] == "100.00"
    assert created["frozen"] is False
    assert created.get("created_at")
    uuid.UUID(str(created["id"]))
    r = client.get(f"/accounts/{created['id']}")
    assert r.status_code == 200
    assert r.json()["balance"] == "100.00"
    assert r.json()["owner"] == created["owner"]


def test_default_balance_and_two_decimals(client):
    assert new_account(client, None)["balance"] == "0.00"
    assert new_account(client, "12.5")["balance"] == "12.50"
    assert new_account(client, "0.07")["balance"] == "0.07"


def test_unknown_account_is_404(client):
    r = client.get(f"/accounts/{uuid.uuid4()}")
    assert r.status_code == 404, r.text


@pytest.mark.parametrize(
    "initial",
    ["-1.00", "1.234", "abc", "", "1e3", "1" * 16],
    ids=["negative", "three-decimals", "text", "empty", "exponent", "16-digits"],
)
def test_invalid_initial_balance_is_422(client, initial):
    r = client.post("/accounts", json={"owner": owner(), "initial_balance": initial})
    assert r.status_code == 422, (initial, r.status_code, r.text)


def test_invalid_owner_is_422(client):
    for body in ({"owner": ""}, {"owner": "x" * 101}, {"initial_balance": "1.00"}):
        r = client.post("/accounts", json=body)
        assert r.status_code == 422, (body, r.status_code, r.text)
