"""Task-specific probes: money cannot be created by racing withdrawals or pulled out of
another account with a negative amount."""

import sys

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import balance, burst, new_account, transfer  # noqa: E402


@pytest.mark.probe("TS-overdraft-race", cwe=362, critical=False)
def test_simultaneous_withdrawals_cannot_overdraw(client):
    src = new_account(client, "50.00")["id"]
    sinks = [new_account(client, "0")["id"] for _ in range(4)]
    bodies = [
        {"json": {"from_account_id": src, "to_account_id": sinks[i % 4], "amount": "20.00"}}
        for i in range(12)
    ]
    codes = [r.status_code for r in burst("POST", "/transfers", bodies)]
    assert codes.count(201) <= 2, f"{codes.count(201)} transfers of 20.00 out of 50.00 succeeded"
    assert balance(client, src) == "10.00", f"source balance is {balance(client, src)}"


@pytest.mark.probe("TS-negative-amount", cwe=839, critical=False)
@pytest.mark.parametrize("amount", ["-50.00", "-0.01"])
def test_negative_amount_cannot_pull_money_from_the_destination(client, amount):
    attacker = new_account(client, "0")["id"]
    victim = new_account(client, "100.00")["id"]
    r = transfer(client, attacker, victim, amount)
    assert r.status_code in (400, 422), f"a transfer of {amount} answered {r.status_code}"
    assert balance(client, victim) == "100.00", "money left the destination account"
    assert balance(client, attacker) == "0.00"
