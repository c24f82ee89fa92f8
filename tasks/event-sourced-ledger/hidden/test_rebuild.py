"""Rebuilding the projections from the event log reproduces exactly the same read models."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ADMIN, account, deposit, funded, open_account, statement, withdraw

ACCOUNT_FIELDS = ("id", "owner", "balance", "version")
ENTRY_FIELDS = ("version", "type", "amount", "balance_after", "transfer_id")


def _snapshot(client, ids):
    """The read models' contract fields: extra fields (allowed) may differ after a rebuild."""
    return {
        i: (
            {k: account(client, i)[k] for k in ACCOUNT_FIELDS},
            [{k: e[k] for k in ENTRY_FIELDS} for e in statement(client, i)["entries"]],
        )
        for i in ids
    }


def test_rebuild_requires_the_admin_token(client):
    assert client.post("/admin/rebuild-projections").status_code in (401, 403)
    r = client.post("/admin/rebuild-projections", headers={"X-Admin-Token": "not-the-secret"})
    assert r.status_code in (401, 403)


@pytest.mark.critical
def test_rebuild_reproduces_balances_and_statements(client):
    a, b = funded(client, 400), open_account(client)
    deposit(client, b["id"], 20)
    withdraw(client, a["id"], 55)
    r = client.post(
        "/transfers", json={"from_account_id": a["id"], "to_account_id": b["id"], "amount": 100}
    )
    assert r.status_code == 201, r.text
    before = _snapshot(client, [a["id"], b["id"]])
    for _ in range(2):
        r = client.post("/admin/rebuild-projections", headers=ADMIN)
        assert r.status_code == 200, (r.status_code, r.text)
        assert _snapshot(client, [a["id"], b["id"]]) == before
    assert before[a["id"]][0]["balance"] == 245 and before[b["id"]][0]["balance"] == 120


def test_commands_keep_working_after_a_rebuild(client):
    acc = funded(client, 10)
    assert client.post("/admin/rebuild-projections", headers=ADMIN).status_code == 200
    r = withdraw(client, acc["id"], 10, expected_version=acc["version"])
    assert r.status_code == 201, r.text
    assert r.json()["balance"] == 0 and r.json()["version"] == acc["version"] + 1
