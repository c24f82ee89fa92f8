"""Each items route needs its scope: read:items to read, write:items to write (403 otherwise)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import READ, WRITE, create_item, create_key, make_user, with_key


@pytest.mark.critical
def test_read_only_key_cannot_write(client):
    user = make_user(client)
    full = create_key(client, user, READ, WRITE)["key"]
    read_only = create_key(client, user, READ)["key"]
    item = create_item(client, full)
    r = client.post("/items", json={"name": "sneaky"}, headers=with_key(read_only))
    assert r.status_code == 403, (r.status_code, r.text)
    r = client.delete(f"/items/{item['id']}", headers=with_key(read_only))
    assert r.status_code == 403, (r.status_code, r.text)
    names = [i["name"] for i in client.get("/items", headers=with_key(full)).json()]
    assert names == [item["name"]]


@pytest.mark.critical
def test_read_only_key_reads(client):
    user = make_user(client)
    item = create_item(client, create_key(client, user, WRITE)["key"])
    read_only = create_key(client, user, READ)["key"]
    r = client.get("/items", headers=with_key(read_only))
    assert r.status_code == 200 and [i["id"] for i in r.json()] == [item["id"]]
    r = client.get(f"/items/{item['id']}", headers=with_key(read_only))
    assert r.status_code == 200 and r.json()["quantity"] == 3


@pytest.mark.critical
def test_write_only_key_cannot_read(client):
    user = make_user(client)
    write_only = create_key(client, user, WRITE)["key"]
    item = create_item(client, write_only)
    assert client.get("/items", headers=with_key(write_only)).status_code == 403
    assert client.get(f"/items/{item['id']}", headers=with_key(write_only)).status_code == 403
    assert client.delete(f"/items/{item['id']}", headers=with_key(write_only)).status_code == 204


def test_items_validation(client):
    user = make_user(client)
    key = create_key(client, user, READ, WRITE)["key"]
    for body in ({"name": ""}, {"quantity": 2}, {"name": "x", "quantity": -1}):
        r = client.post("/items", json=body, headers=with_key(key))
        assert r.status_code in (400, 422), (body, r.status_code, r.text)
