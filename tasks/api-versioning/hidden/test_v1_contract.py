"""API v1 keeps its exact representation and behaviour (golden checks)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import email, v1_create, v1_view


@pytest.mark.critical
def test_v1_create_and_get_are_unchanged(client):
    addr = email()
    created = v1_create(
        client, name="Grace Brewster Hopper", email=addr.upper(), balance="-3.05", currency="USD"
    )
    assert set(created) >= {"id", "name", "email", "balance", "currency", "created_at"}
    assert isinstance(created["id"], int)
    expected = {
        "id": str(created["id"]),
        "name": "Grace Brewster Hopper",
        "email": addr,
        "balance": "-3.05",
        "currency": "USD",
    }
    assert v1_view(created) == expected
    got = client.get(f"/v1/customers/{created['id']}")
    assert got.status_code == 200 and v1_view(got.json()) == expected


@pytest.mark.critical
def test_v1_single_word_name_and_defaults(client):
    created = client.post("/v1/customers", json={"name": "  Cher ", "email": email()})
    assert created.status_code == 201
    c = created.json()
    assert (c["name"], c["balance"], c["currency"]) == ("Cher", "0.00", "EUR")
    assert client.get(f"/v1/customers/{c['id']}").json()["name"] == "Cher"


def test_v1_list_shape(client):
    v1_create(client)
    r = client.get("/v1/customers", params={"page": 1, "per_page": 2})
    assert r.status_code == 200
    page = r.json()
    assert set(page) >= {"data", "page", "per_page", "total"}
    assert (page["page"], page["per_page"]) == (1, 2) and len(page["data"]) == 2
    newest = v1_create(client, name="Last One")
    total = page["total"] + 1
    last = client.get("/v1/customers", params={"page": total, "per_page": 1}).json()
    assert last["total"] == total
    assert [v1_view(c) for c in last["data"]] == [v1_view(newest)]
    assert client.get("/v1/customers", params={"per_page": 101}).status_code == 422


def test_v1_pages_cover_everything_in_id_order(client):
    mine = {str(v1_create(client)["id"]) for _ in range(3)}
    total = client.get("/v1/customers", params={"per_page": 1}).json()["total"]
    seen = []
    for page in range(1, total // 100 + 2):
        seen += [
            str(c["id"])
            for c in client.get("/v1/customers", params={"page": page, "per_page": 100}).json()[
                "data"
            ]
        ]
    assert len(seen) == len(set(seen)) == total
    assert [int(i) for i in seen] == sorted(int(i) for i in seen)
    assert mine <= set(seen)


def test_v1_patch_and_delete(client):
    c = v1_create(client)
    r = client.patch(f"/v1/customers/{c['id']}", json={"name": "Ada King", "balance": "99.99"})
    assert r.status_code == 200
    assert (r.json()["name"], r.json()["balance"], r.json()["currency"]) == (
        "Ada King",
        "99.99",
        "GBP",
    )
    assert client.delete(f"/v1/customers/{c['id']}").status_code == 204
    assert client.get(f"/v1/customers/{c['id']}").status_code == 404


def test_v1_errors_are_unchanged(client):
    r = client.get("/v1/customers/987654321")
    assert r.status_code == 404 and r.json() == {"detail": "Customer not found"}
    c = v1_create(client)
    r = client.post("/v1/customers", json={"name": "Dup", "email": c["email"]})
    assert r.status_code == 409 and r.json() == {"detail": "Email already registered"}
    r = client.post("/v1/customers", json={"name": "X", "email": email(), "balance": "1.5"})
    assert r.status_code == 422 and isinstance(r.json()["detail"], list)
