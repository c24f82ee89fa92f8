"""Only a complete, live key authenticates; items belong to the key's owner."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import READ, WRITE, create_item, create_key, make_user, with_key


@pytest.mark.critical
def test_missing_or_bad_keys_are_401(client):
    user = make_user(client)
    key = create_key(client, user, READ, WRITE)["key"]
    tampered = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    for headers in (
        {},
        with_key("nope"),
        with_key(key[:12]),
        with_key(tampered),
        with_key(key + "x"),
        {"Authorization": f"Bearer {key}"},
    ):
        r = client.get("/items", headers=headers)
        assert r.status_code == 401, (headers, r.status_code, r.text)
        r = client.post("/items", json={"name": "x"}, headers=headers)
        assert r.status_code == 401, (headers, r.status_code, r.text)
    assert client.get("/items", headers=with_key(key)).status_code == 200


@pytest.mark.critical
def test_items_are_private_to_the_keys_owner(client):
    alice, mallory = make_user(client), make_user(client)
    alice_key = create_key(client, alice, READ, WRITE)["key"]
    mallory_key = create_key(client, mallory, READ, WRITE)["key"]
    canary = f"CANARY-{uuid.uuid4().hex}"
    item = create_item(client, alice_key, name=canary)
    for r in (
        client.get("/items", headers=with_key(mallory_key)),
        client.get(f"/items/{item['id']}", headers=with_key(mallory_key)),
        client.delete(f"/items/{item['id']}", headers=with_key(mallory_key)),
    ):
        assert r.status_code in (200, 403, 404), (r.status_code, r.text)
        assert canary not in r.text
    assert client.get(f"/items/{item['id']}", headers=with_key(alice_key)).status_code == 200
