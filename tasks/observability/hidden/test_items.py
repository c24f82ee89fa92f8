"""The catalog API keeps working."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_item


@pytest.mark.critical
def test_item_round_trip(client):
    item = create_item(client, "Blue mug")
    got = client.get(f"/items/{item['id']}")
    assert got.status_code == 200 and got.json()["name"] == "Blue mug"
    assert item["id"] in [i["id"] for i in client.get("/items").json()]
    assert client.delete(f"/items/{item['id']}").status_code == 204
    assert client.get(f"/items/{item['id']}").status_code == 404


def test_invalid_item_is_422(client):
    assert client.post("/items", json={"name": "", "price_cents": 1}).status_code == 422
    assert client.post("/items", json={"name": "x", "price_cents": -1}).status_code == 422


def test_db_fault_needs_the_admin_token(client):
    r = client.put("/admin/db-fault", json={"down": True}, headers={"X-Admin-Token": "wrong"})
    assert r.status_code == 403
    assert client.get("/readyz").status_code == 200
