"""Both versions see the same data: writes through one are visible through the other."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import v1_create, v1_view, v2_create, v2_view


@pytest.mark.critical
def test_v2_write_visible_in_v1(client):
    c = v2_create(
        client,
        given_name="Ada",
        family_name="van Dyke",
        balance={"amount": "7.00", "currency": "USD"},
    )
    r = client.get(f"/v1/customers/{c['id']}")
    assert r.status_code == 200
    assert v1_view(r.json()) == {
        "id": str(c["id"]),
        "name": "Ada van Dyke",
        "email": c["email"],
        "balance": "7.00",
        "currency": "USD",
    }
    single = v2_create(client, given_name="Cher", family_name="")
    assert client.get(f"/v1/customers/{single['id']}").json()["name"] == "Cher"
    assert client.get(f"/v2/customers/{c['id']}").json()["family_name"] == "van Dyke"


@pytest.mark.critical
def test_v1_write_visible_in_v2(client):
    c = v1_create(client, name="Grace Brewster Hopper", balance="0.10", currency="EUR")
    r = client.get(f"/v2/customers/{c['id']}")
    assert r.status_code == 200
    assert v2_view(r.json()) == {
        "id": str(c["id"]),
        "given_name": "Grace Brewster",
        "family_name": "Hopper",
        "email": c["email"],
        "balance": {"amount": "0.10", "currency": "EUR"},
    }
    mono = v1_create(client, name="Plato")
    got = client.get(f"/v2/customers/{mono['id']}").json()
    assert (got["given_name"], got["family_name"]) == ("Plato", "")


def test_v1_patch_and_delete_seen_by_v2(client):
    c = v2_create(client)
    r = client.patch(
        f"/v1/customers/{c['id']}", json={"name": "Ada King Lovelace", "balance": "5.55"}
    )
    assert r.status_code == 200
    got = client.get(f"/v2/customers/{c['id']}").json()
    assert (got["given_name"], got["family_name"], got["balance"]["amount"]) == (
        "Ada King",
        "Lovelace",
        "5.55",
    )
    assert client.delete(f"/v1/customers/{c['id']}").status_code == 204
    assert client.get(f"/v2/customers/{c['id']}").status_code == 404


def test_v2_writes_in_v1_list(client):
    c = v2_create(client)
    total = client.get("/v1/customers", params={"per_page": 1}).json()["total"]
    last_page = client.get("/v1/customers", params={"page": total, "per_page": 1}).json()
    assert str(last_page["data"][0]["id"]) == str(c["id"])
