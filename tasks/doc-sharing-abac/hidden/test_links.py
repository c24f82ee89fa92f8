"""Share links: off by default, open without login while on, dead as soon as they are off."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import canary, create_doc, make_user, set_link


@pytest.mark.critical
def test_link_lifecycle(client):
    owner = make_user(client)
    secret = canary()
    doc = create_doc(client, owner, title="public-ish", content=secret)
    assert doc["link_sharing"] is False
    r = set_link(client, owner, doc["id"], True)
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    assert r.json()["enabled"] is True and isinstance(token, str) and len(token) >= 20
    assert client.get(f"/documents/{doc['id']}", headers=owner.headers).json()["link_sharing"]
    opened = client.get(f"/shared/{token}")
    assert opened.status_code == 200 and opened.json()["content"] == secret
    r = set_link(client, owner, doc["id"], False)
    assert r.status_code == 200 and r.json()["enabled"] is False
    dead = client.get(f"/shared/{token}")
    assert dead.status_code == 404 and secret not in dead.text
    r = set_link(client, owner, doc["id"], True)
    assert r.json()["token"] != token, "re-enabling issues a new token"
    assert client.get(f"/shared/{token}").status_code == 404


def test_unknown_link_is_404(client):
    assert client.get("/shared/" + canary()).status_code == 404


def test_link_tokens_are_unique(client):
    owner = make_user(client)
    tokens = set()
    for _ in range(3):
        doc = create_doc(client, owner)
        tokens.add(set_link(client, owner, doc["id"], True).json()["token"])
    assert len(tokens) == 3
