"""Grants: viewers read, editors also edit; only the owner shares, unshares and deletes."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import canary, create_doc, listed_ids, make_user, share


@pytest.mark.critical
def test_viewer_reads_but_cannot_edit(client):
    owner = make_user(client)
    viewer = make_user(client, owner.department)
    doc = create_doc(client, owner, content="v1")
    r = share(client, owner, doc["id"], viewer, "viewer")
    assert r.status_code in (200, 201), (r.status_code, r.text)
    assert r.json()["role"] == "viewer" and str(r.json()["user_id"]) == viewer.id
    got = client.get(f"/documents/{doc['id']}", headers=viewer.headers)
    assert got.status_code == 200 and got.json()["access"] == "viewer"
    assert str(doc["id"]) in listed_ids(client, viewer)
    r = client.patch(f"/documents/{doc['id']}", json={"content": "v2"}, headers=viewer.headers)
    assert r.status_code == 403, (r.status_code, r.text)
    assert client.get(f"/documents/{doc['id']}", headers=owner.headers).json()["content"] == "v1"


@pytest.mark.critical
def test_editor_edits_but_cannot_reshare_or_delete(client):
    owner, editor, friend = make_user(client), make_user(client), make_user(client)
    doc = create_doc(client, owner)
    assert share(client, owner, doc["id"], editor, "editor").status_code in (200, 201)
    r = client.patch(f"/documents/{doc['id']}", json={"content": "edited"}, headers=editor.headers)
    assert r.status_code == 200 and r.json()["content"] == "edited"
    for role in ("viewer", "editor"):
        r = share(client, editor, doc["id"], friend, role)
        assert r.status_code == 403, (r.status_code, r.text)
    assert client.get(f"/documents/{doc['id']}", headers=friend.headers).status_code == 404
    assert client.delete(f"/documents/{doc['id']}", headers=editor.headers).status_code == 403
    r = client.put(f"/documents/{doc['id']}/link", json={"enabled": True}, headers=editor.headers)
    assert r.status_code == 403
    r = client.patch(
        f"/documents/{doc['id']}", json={"classification": "confidential"}, headers=editor.headers
    )
    assert r.status_code == 403
    assert (
        client.get(f"/documents/{doc['id']}", headers=owner.headers).json()["classification"]
        == "internal"
    )


@pytest.mark.critical
def test_unshare_is_immediate(client):
    owner, reader = make_user(client), make_user(client)
    secret = canary()
    doc = create_doc(client, owner, content=secret)
    share(client, owner, doc["id"], reader, "viewer")
    assert client.get(f"/documents/{doc['id']}", headers=reader.headers).status_code == 200
    r = client.delete(f"/documents/{doc['id']}/shares/{reader.id}", headers=owner.headers)
    assert r.status_code == 204, (r.status_code, r.text)
    assert client.get(f"/documents/{doc['id']}", headers=reader.headers).status_code == 404
    listing = client.get("/documents", headers=reader.headers)
    assert secret not in listing.text


def test_share_listing_and_role_change(client):
    owner, reader = make_user(client), make_user(client)
    doc = create_doc(client, owner)
    share(client, owner, doc["id"], reader, "viewer")
    assert share(client, owner, doc["id"], reader, "editor").status_code in (200, 201)
    r = client.get(f"/documents/{doc['id']}/shares", headers=owner.headers)
    assert r.status_code == 200
    assert [(str(s["user_id"]), s["role"]) for s in r.json()] == [(reader.id, "editor")]
    assert client.get(f"/documents/{doc['id']}/shares", headers=reader.headers).status_code == 403


def test_share_errors(client):
    owner = make_user(client)
    doc = create_doc(client, owner)
    r = client.post(
        f"/documents/{doc['id']}/shares",
        json={"email": "nobody-" + owner.email, "role": "viewer"},
        headers=owner.headers,
    )
    assert r.status_code == 404
    other = make_user(client)
    r = client.post(
        f"/documents/{doc['id']}/shares",
        json={"email": other.email, "role": "owner"},
        headers=owner.headers,
    )
    assert r.status_code in (400, 422)
