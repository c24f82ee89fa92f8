"""DELETE /api-keys/{id} revokes a key immediately; only its owner can do it."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import READ, WRITE, create_key, listed_keys, make_user, with_key


@pytest.mark.critical
def test_revoked_key_stops_working_at_once(client):
    user = make_user(client)
    doomed = create_key(client, user, READ, WRITE)
    other = create_key(client, user, READ)
    assert client.get("/items", headers=with_key(doomed["key"])).status_code == 200
    r = client.delete(f"/api-keys/{doomed['id']}", headers=user.headers)
    assert r.status_code == 204, (r.status_code, r.text)
    assert client.get("/items", headers=with_key(doomed["key"])).status_code == 401
    assert (
        client.post("/items", json={"name": "x"}, headers=with_key(doomed["key"])).status_code
        == 401
    )
    assert client.get("/items", headers=with_key(other["key"])).status_code == 200
    row = next(k for k in listed_keys(client, user) if str(k["id"]) == str(doomed["id"]))
    assert row["revoked"] is True


@pytest.mark.critical
def test_only_the_owner_can_revoke(client):
    alice, mallory = make_user(client), make_user(client)
    key = create_key(client, alice, READ)
    r = client.delete(f"/api-keys/{key['id']}", headers=mallory.headers)
    assert r.status_code in (403, 404), (r.status_code, r.text)
    assert client.get("/items", headers=with_key(key["key"])).status_code == 200
    # a numeric unknown id, so that a service with integer ids cannot answer 422 for its type
    assert client.delete("/api-keys/987654321987", headers=alice.headers).status_code == 404
