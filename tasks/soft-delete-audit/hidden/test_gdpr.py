"""GDPR: export everything about a customer; erase scrubs personal data everywhere."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ADMIN, audit, delete, new_customer, search, staff, tag


@pytest.mark.critical
def test_export_has_customer_and_audit(client):
    c = new_customer(client, phone="+44 20 7946 0000", notes="VIP")
    client.patch(
        f"/customers/{c['id']}", json={"notes": "VIP, prefers email"}, headers=staff("eve")
    )
    r = client.get(f"/admin/customers/{c['id']}/export", headers=ADMIN)
    assert r.status_code == 200, r.text
    body = r.json()
    got = {k: body["customer"][k] for k in ("id", "name", "email", "phone", "notes")}
    assert got == {
        **{k: c[k] for k in ("id", "name", "email", "phone")},
        "notes": "VIP, prefers email",
    }
    assert body["audit"] == audit(client, c["id"])
    assert [e["action"] for e in body["audit"]] == ["create", "update"]


def test_export_works_for_deleted_and_unknown_is_404(client):
    c = new_customer(client)
    delete(client, c["id"])
    r = client.get(f"/admin/customers/{c['id']}/export", headers=ADMIN)
    assert r.status_code == 200
    assert r.json()["customer"]["email"] == c["email"]
    assert client.get("/admin/customers/987654321/export", headers=ADMIN).status_code == 404


def _erased_customer(client):
    t = tag()
    pii = {
        "name": f"Canary Person {t}",
        "email": f"canary-{t}@example.com",
        "phone": f"+1-{t}",
        "notes": f"secret-{t}",
    }
    c = new_customer(client, headers=staff("frank"), **pii)
    client.patch(
        f"/customers/{c['id']}",
        json={"notes": f"more-{t}", "phone": f"+2-{t}"},
        headers=staff("grace"),
    )
    r = client.post(f"/admin/customers/{c['id']}/erase", headers=ADMIN)
    assert r.status_code == 200, r.text
    return c, t, r


@pytest.mark.critical
def test_erase_scrubs_pii_everywhere(client):
    c, t, erased = _erased_customer(client)
    responses = [
        erased,
        client.get(f"/admin/customers/{c['id']}/export", headers=ADMIN),
        client.get("/admin/audit", params={"customer_id": c["id"]}, headers=ADMIN),
        client.get("/admin/customers/deleted", headers=ADMIN),
        client.get("/customers", params={"q": t}),
        client.get(f"/customers/{c['id']}"),
    ]
    for r in responses:
        assert t not in r.text, (str(r.request.url), r.text[:500])
    export = responses[1].json()
    assert all(export["customer"][k] is None for k in ("name", "email", "phone", "notes"))
    assert responses[-1].status_code == 404
    assert search(client, t)["total"] == 0


@pytest.mark.critical
def test_erase_keeps_non_personal_audit_facts(client):
    c, _, _ = _erased_customer(client)
    entries = audit(client, c["id"])
    assert [(e["action"], e["actor"]) for e in entries] == [
        ("create", "frank"),
        ("update", "grace"),
        ("erase", "root-admin"),
    ]
    assert sorted(entries[1]["changes"]) == ["notes", "phone"]
    for e in entries:
        for change in e["changes"].values():
            assert change == {"old": None, "new": None}, json.dumps(e)


def test_erased_customer_cannot_be_restored_and_erase_is_idempotent(client):
    c, _, _ = _erased_customer(client)
    ids = [x["id"] for x in client.get("/admin/customers/deleted", headers=ADMIN).json()]
    assert c["id"] not in ids
    assert client.post(f"/admin/customers/{c['id']}/restore", headers=ADMIN).status_code == 409
    assert client.post(f"/admin/customers/{c['id']}/erase", headers=ADMIN).status_code == 200
    assert [e["action"] for e in audit(client, c["id"])].count("erase") == 1
    assert client.post("/admin/customers/987654321/erase", headers=ADMIN).status_code == 404
