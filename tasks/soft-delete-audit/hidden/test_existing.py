"""Behaviour that existed before the change keeps working."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import new_customer, search, staff, tag


@pytest.mark.critical
def test_create_get_and_patch(client):
    c = new_customer(client, phone="+1 555 0100", notes="likes tea")
    r = client.get(f"/customers/{c['id']}")
    assert r.status_code == 200
    assert (r.json()["phone"], r.json()["notes"]) == ("+1 555 0100", "likes tea")
    r = client.patch(f"/customers/{c['id']}", json={"notes": "likes coffee"}, headers=staff())
    assert r.status_code == 200, r.text
    assert r.json()["notes"] == "likes coffee"
    assert r.json()["name"] == c["name"]


def test_search_and_total(client):
    t = tag()
    ids = [new_customer(client, name=f"Searchable {t} {i}")["id"] for i in range(3)]
    page = search(client, t.upper())
    assert [c["id"] for c in page["items"]] == ids
    assert page["total"] == 3
    r = client.get("/customers", params={"q": t, "limit": 1, "offset": 1})
    assert [c["id"] for c in r.json()["items"]] == ids[1:2]
    assert r.json()["total"] == 3


def test_validation_and_unknown(client):
    assert client.post("/customers", json={"name": "x", "email": "nope"}).status_code == 422
    c = new_customer(client)
    assert client.patch(f"/customers/{c['id']}", json={"name": None}).status_code == 422
    assert client.get("/customers/987654321").status_code == 404
