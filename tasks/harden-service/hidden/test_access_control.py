"""A note is visible to and deletable by its owner only."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_note, shared_accounts


@pytest.mark.critical
def test_other_users_note_cannot_be_read(client):
    owner, other = shared_accounts(client)
    canary = f"CANARY-{uuid.uuid4().hex}"
    note = create_note(client, owner, f"private {canary}", canary)
    r = client.get(f"/notes/{note['id']}", headers=other.headers)
    assert r.status_code in (403, 404), (r.status_code, r.text)
    assert canary not in r.text
    listed = client.get("/notes", headers=other.headers)
    assert canary not in listed.text


@pytest.mark.critical
def test_other_users_note_cannot_be_deleted(client):
    other, owner = shared_accounts(client)
    note = create_note(client, owner, "keep me")
    r = client.delete(f"/notes/{note['id']}", headers=other.headers)
    assert r.status_code in (403, 404), (r.status_code, r.text)
    assert client.get(f"/notes/{note['id']}", headers=owner.headers).status_code == 200
