"""Soft delete hides the customer everywhere; admins list and restore it."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ADMIN, delete, new_customer, search, staff, tag


@pytest.mark.critical
def test_deleted_customer_is_gone_from_reads(client):
    c = new_customer(client)
    delete(client, c["id"])
    assert client.get(f"/customers/{c['id']}").status_code == 404
    assert client.patch(f"/customers/{c['id']}", json={"notes": "x"}).status_code == 404
    assert client.delete(f"/customers/{c['id']}").status_code == 404


@pytest.mark.critical
def test_deleted_customer_is_gone_from_search_and_total(client):
    t = tag()
    keep = new_customer(client, name=f"Keep {t}")
    gone = new_customer(client, name=f"Gone {t}")
    delete(client, gone["id"])
    page = search(client, t)
    assert [c["id"] for c in page["items"]] == [keep["id"]]
    assert page["total"] == 1
    assert search(client, gone["email"])["total"] == 0


def test_deleted_customer_is_gone_from_unfiltered_list(client):
    c = new_customer(client)
    delete(client, c["id"])
    before = client.get("/customers", params={"limit": 200}).json()
    offset, seen = 0, []
    while offset < before["total"]:
        page = client.get("/customers", params={"limit": 200, "offset": offset}).json()
        seen += [x["id"] for x in page["items"]]
        offset += 200
    assert c["id"] not in seen
    assert len(seen) == before["total"]


@pytest.mark.critical
def test_admin_lists_and_restores(client):
    c = new_customer(client, notes="keep me")
    delete(client, c["id"])
    r = client.get("/admin/customers/deleted", headers=ADMIN)
    assert r.status_code == 200
    assert c["id"] in [x["id"] for x in r.json()]
    r = client.post(f"/admin/customers/{c['id']}/restore", headers=ADMIN)
    assert r.status_code == 200, r.text
    got = client.get(f"/customers/{c['id']}")
    assert got.status_code == 200
    assert got.json()["notes"] == "keep me"
    assert search(client, c["email"])["total"] == 1
    assert c["id"] not in [
        x["id"] for x in client.get("/admin/customers/deleted", headers=ADMIN).json()
    ]


def test_restore_rules(client):
    c = new_customer(client)
    assert client.post(f"/admin/customers/{c['id']}/restore", headers=ADMIN).status_code == 409
    assert client.post("/admin/customers/987654321/restore", headers=ADMIN).status_code == 404


@pytest.mark.critical
def test_admin_endpoints_need_admin_role(client):
    c = new_customer(client)
    delete(client, c["id"])
    for headers in (staff(), {}, {"X-Actor": "mallory", "X-Role": "Staff"}):
        assert client.get("/admin/customers/deleted", headers=headers).status_code == 403
        r = client.post(f"/admin/customers/{c['id']}/restore", headers=headers)
        assert r.status_code == 403, r.text
        assert (
            client.get("/admin/audit", params={"customer_id": c["id"]}, headers=headers).status_code
            == 403
        )
        assert client.get(f"/admin/customers/{c['id']}/export", headers=headers).status_code == 403
        assert client.post(f"/admin/customers/{c['id']}/erase", headers=headers).status_code == 403
    assert client.get(f"/customers/{c['id']}").status_code == 404, "still deleted"
