"""Confidential documents never reach anyone outside the owner's department."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import canary, create_doc, make_user, set_link, share


@pytest.mark.critical
def test_confidential_cannot_be_shared_outside_the_department(client):
    owner = make_user(client)
    colleague, outsider = make_user(client, owner.department), make_user(client)
    secret = canary()
    doc = create_doc(client, owner, content=secret, classification="confidential")
    for role in ("viewer", "editor"):
        r = share(client, owner, doc["id"], outsider, role)
        assert r.status_code == 403, (role, r.status_code, r.text)
    got = client.get(f"/documents/{doc['id']}", headers=outsider.headers)
    assert got.status_code == 404 and secret not in got.text
    assert secret not in client.get("/documents", headers=outsider.headers).text
    assert share(client, owner, doc["id"], colleague, "viewer").status_code in (200, 201)
    assert client.get(f"/documents/{doc['id']}", headers=colleague.headers).status_code == 200


@pytest.mark.critical
def test_confidential_documents_have_no_share_link(client):
    owner = make_user(client)
    doc = create_doc(client, owner, classification="confidential")
    r = set_link(client, owner, doc["id"], True)
    assert r.status_code == 409, (r.status_code, r.text)
    again = client.get(f"/documents/{doc['id']}", headers=owner.headers).json()
    assert again["link_sharing"] is False


def test_raising_to_confidential_is_blocked_by_outside_access(client):
    owner = make_user(client)
    outsider = make_user(client)
    doc = create_doc(client, owner)
    share(client, owner, doc["id"], outsider, "viewer")
    r = client.patch(
        f"/documents/{doc['id']}", json={"classification": "confidential"}, headers=owner.headers
    )
    assert r.status_code == 409, (r.status_code, r.text)
    client.delete(f"/documents/{doc['id']}/shares/{outsider.id}", headers=owner.headers)
    assert set_link(client, owner, doc["id"], True).status_code == 200
    r = client.patch(
        f"/documents/{doc['id']}", json={"classification": "confidential"}, headers=owner.headers
    )
    assert r.status_code == 409, (r.status_code, r.text)
    assert set_link(client, owner, doc["id"], False).status_code == 200
    r = client.patch(
        f"/documents/{doc['id']}", json={"classification": "confidential"}, headers=owner.headers
    )
    assert r.status_code == 200 and r.json()["classification"] == "confidential"
