"""Bursts of simultaneous transfers (two workers): money is conserved, never negative."""

import os
import random
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import balance, burst, dec, history_ids, new_account


def _body(src: str, dst: str, amount: str) -> dict:
    return {"json": {"from_account_id": src, "to_account_id": dst, "amount": amount}}


@pytest.mark.critical
def test_random_burst_conserves_money(client):
    rng = random.Random()
    for _ in range(2):
        accounts = [new_account(client, "100.00")["id"] for _ in range(5)]
        plan = []
        for _ in range(30):
            src, dst = rng.sample(accounts, 2)
            plan.append((src, dst, f"{rng.randint(100, 6000) / 100:.2f}"))
        responses = burst("POST", "/transfers", [_body(*p) for p in plan])
        codes = [r.status_code for r in responses]
        assert set(codes) <= {201, 409}, codes
        expected = {a: Decimal("100.00") for a in accounts}
        ok_ids = set()
        for (src, dst, amount), r in zip(plan, responses, strict=True):
            if r.status_code == 201:
                expected[src] -= Decimal(amount)
                expected[dst] += Decimal(amount)
                ok_ids.add(str(r.json()["id"]))
        final = {a: dec(balance(client, a)) for a in accounts}
        assert all(v >= 0 for v in final.values()), final
        assert sum(final.values()) == Decimal("500.00"), final
        assert final == expected, (final, expected)
        recorded = {i for a in accounts for i in history_ids(client, a)}
        assert recorded == ok_ids


@pytest.mark.critical
def test_racing_withdrawals_cannot_overdraw(client):
    for _ in range(2):
        src = new_account(client, "100.00")["id"]
        sinks = [new_account(client, "0")["id"] for _ in range(4)]
        bodies = [_body(src, sinks[i % 4], "30.00") for i in range(16)]
        codes = [r.status_code for r in burst("POST", "/transfers", bodies)]
        assert codes.count(201) == 3, codes
        assert codes.count(409) == 13, codes
        assert balance(client, src) == "10.00"
        assert sum(dec(balance(client, s)) for s in sinks) == Decimal("90.00")


def test_opposite_direction_transfers_do_not_fail(client):
    a = new_account(client, "1000.00")["id"]
    b = new_account(client, "1000.00")["id"]
    bodies = [_body(a, b, "1.00") if i % 2 else _body(b, a, "1.00") for i in range(20)]
    responses = burst("POST", "/transfers", bodies)
    codes = [r.status_code for r in responses]
    assert codes == [201] * 20, codes
    assert balance(client, a) == "1000.00"
    assert balance(client, b) == "1000.00"
