"""Creating and listing keys: the secret is shown once, listings show only the prefix."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import READ, WRITE, create_key, listed_keys, make_user


@pytest.mark.critical
def test_create_returns_the_key_once(client):
    user = make_user(client)
    created = create_key(client, user, READ, WRITE, name="ci-bot")
    key = created["key"]
    assert isinstance(key, str) and len(key) >= 32
    assert created["name"] == "ci-bot"
    assert set(created["scopes"]) == {READ, WRITE}
    assert created["prefix"] == key[:12]
    assert created["revoked"] is False and created["last_used_at"] is None
    assert created.get("id") not in (None, "")


@pytest.mark.critical
def test_listing_never_shows_the_secret(client):
    user = make_user(client)
    created = [create_key(client, user, READ) for _ in range(2)]
    r = client.get("/api-keys", headers=user.headers)
    assert r.status_code == 200
    for key in created:
        assert key["key"] not in r.text
        assert key["key"][12:] not in r.text
        row = next(k for k in r.json() if str(k["id"]) == str(key["id"]))
        assert row["prefix"] == key["prefix"]


def test_keys_are_distinct(client):
    user = make_user(client)
    keys = {create_key(client, user, READ)["key"] for _ in range(5)}
    assert len(keys) == 5
    assert len({k[:12] for k in keys}) == 5


def test_listing_shows_only_my_keys(client):
    alice, bob = make_user(client), make_user(client)
    mine = create_key(client, alice, READ)
    theirs = create_key(client, bob, READ)
    ids = {str(k["id"]) for k in listed_keys(client, alice)}
    assert str(mine["id"]) in ids and str(theirs["id"]) not in ids


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x", "scopes": []},
        {"name": "x", "scopes": ["admin:all"]},
        {"name": "x", "scopes": ["read:items", "delete:everything"]},
        {"name": "", "scopes": ["read:items"]},
        {"scopes": ["read:items"]},
    ],
    ids=["no-scopes", "unknown-scope", "one-unknown", "empty-name", "no-name"],
)
def test_invalid_key_requests_are_rejected(client, body):
    user = make_user(client)
    r = client.post("/api-keys", json=body, headers=user.headers)
    assert r.status_code in (400, 422), (r.status_code, r.text)
    assert listed_keys(client, user) == []


def test_key_management_needs_a_bearer_token(client):
    user = make_user(client)
    key = create_key(client, user, READ, WRITE)["key"]
    assert client.get("/api-keys").status_code == 401
    assert client.get("/api-keys", headers={"X-API-Key": key}).status_code == 401
    r = client.post("/api-keys", json={"name": "x", "scopes": [READ]}, headers={"X-API-Key": key})
    assert r.status_code == 401
