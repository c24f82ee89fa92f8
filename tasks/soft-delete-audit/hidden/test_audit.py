"""The audit trail: one entry per change, with actor, time and field diffs."""

import os
import sys
from datetime import datetime

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ADMIN, audit, delete, new_customer, staff


@pytest.mark.critical
def test_full_lifecycle_is_audited(client):
    c = new_customer(client, headers=staff("alice"), phone="123")
    r = client.patch(
        f"/customers/{c['id']}", json={"phone": "456", "name": c["name"]}, headers=staff("bob")
    )
    assert r.status_code == 200
    delete(client, c["id"], staff("carol"))
    assert client.post(f"/admin/customers/{c['id']}/restore", headers=ADMIN).status_code == 200
    entries = audit(client, c["id"])
    assert [(e["action"], e["actor"]) for e in entries] == [
        ("create", "alice"),
        ("update", "bob"),
        ("delete", "carol"),
        ("restore", "root-admin"),
    ]
    assert all(str(e["customer_id"]) == str(c["id"]) for e in entries)
    times = [datetime.fromisoformat(e["at"].replace("Z", "+00:00")) for e in entries]
    assert times == sorted(times)
    assert entries[0]["changes"] == {
        "name": {"old": None, "new": c["name"]},
        "email": {"old": None, "new": c["email"]},
        "phone": {"old": None, "new": "123"},
    }
    assert entries[1]["changes"] == {"phone": {"old": "123", "new": "456"}}
    assert entries[2]["changes"] == {} and entries[3]["changes"] == {}


def test_delete_is_audited(client):
    c = new_customer(client)
    delete(client, c["id"], staff("dora"))
    assert [(e["action"], e["actor"]) for e in audit(client, c["id"])][-1] == ("delete", "dora")


def test_noop_patch_writes_nothing_and_anonymous_actor(client):
    c = new_customer(client, headers={})
    r = client.patch(f"/customers/{c['id']}", json={"name": c["name"]})
    assert r.status_code == 200
    entries = audit(client, c["id"])
    assert [(e["action"], e["actor"]) for e in entries] == [("create", "anonymous")]


def test_audit_entries_cannot_be_changed(client):
    c = new_customer(client)
    entry = audit(client, c["id"])[0]
    for method in ("DELETE", "PUT", "PATCH"):
        r = client.request(
            method, f"/admin/audit/{entry['id']}", headers=ADMIN, json={"actor": "x"}
        )
        assert r.status_code in (404, 405), (method, r.status_code)
    r = client.request("DELETE", "/admin/audit", params={"customer_id": c["id"]}, headers=ADMIN)
    assert r.status_code in (404, 405)
    assert audit(client, c["id"]) == [entry]
