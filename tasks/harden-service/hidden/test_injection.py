"""Search input is data, never SQL: another user's notes never come back."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_note, make_account, no_internals, shared_accounts

PAYLOADS = [
    "' OR '1'='1",
    "zz%' OR 1=1 --",
    "') OR ('a'='a",
    "x' UNION SELECT id, title, body, owner_id FROM notes --",
    "x' UNION SELECT id, username, password, id FROM users --",
]


@pytest.mark.critical
def test_search_does_not_leak_other_users_notes(client):
    victim, attacker = shared_accounts(client)
    canary = f"CANARY-{uuid.uuid4().hex}"
    create_note(client, victim, f"secret {canary}", f"body {canary}")
    create_note(client, attacker, "my own note", "harmless")
    for q in PAYLOADS:
        r = client.get("/notes/search", params={"q": q}, headers=attacker.headers)
        assert canary not in r.text, q
        assert victim.password not in r.text, q
        assert r.status_code < 500, (q, r.status_code, r.text[:300])
        no_internals(r)


def test_search_payload_is_matched_literally(client):
    acct = make_account(client)
    note = create_note(client, acct, "plain", f"contains ' OR '1'='1 literally {uuid.uuid4().hex}")
    create_note(client, acct, "other", "nothing to see")
    r = client.get("/notes/search", params={"q": "' OR '1'='1"}, headers=acct.headers)
    assert r.status_code == 200, r.text
    assert [n["id"] for n in r.json()] == [note["id"]]


def test_search_text_with_quotes(client):
    acct = make_account(client)
    tag = uuid.uuid4().hex[:8]
    note = create_note(client, acct, f"O'Brien's list {tag}", 'the "final" version')
    for q in (f"O'Brien's list {tag}", '"final"'):
        r = client.get("/notes/search", params={"q": q}, headers=acct.headers)
        assert r.status_code == 200, (q, r.status_code, r.text[:300])
        assert [n["id"] for n in r.json()] == [note["id"]], q
