"""Money is exact: large balances and small amounts never suffer binary-float rounding."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import balance, new_account, transfer


@pytest.mark.critical
def test_large_balance_is_exact(client):
    big = new_account(client, "999999999999999.99")
    assert big["balance"] == "999999999999999.99"
    other = new_account(client, "0.00")
    assert transfer(client, big["id"], other["id"], "0.01").status_code == 201
    assert balance(client, big["id"]) == "999999999999999.98"
    assert balance(client, other["id"]) == "0.01"


def test_cents_add_up_exactly(client):
    src = new_account(client, "900000000000000.30")
    dst = new_account(client, "0.00")
    for amount in ("0.10", "0.20"):
        assert transfer(client, src["id"], dst["id"], amount).status_code == 201
    assert balance(client, dst["id"]) == "0.30"
    assert balance(client, src["id"]) == "900000000000000.00"
