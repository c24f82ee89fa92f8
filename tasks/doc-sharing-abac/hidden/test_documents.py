"""Owners create, read, edit and delete their documents; new documents are not link-shared."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_doc, listed_ids, make_user


@pytest.mark.critical
def test_create_and_read_back(client):
    owner = make_user(client)
    doc = create_doc(client, owner, title="Plan", content="secret plan")
    assert doc["classification"] == "internal"
    assert doc["link_sharing"] is False
    assert str(doc["owner_id"]) == owner.id and doc["department"] == owner.department
    assert doc["access"] == "owner"
    r = client.get(f"/documents/{doc['id']}", headers=owner.headers)
    assert r.status_code == 200 and r.json()["content"] == "secret plan"
    assert str(doc["id"]) in listed_ids(client, owner)


def test_owner_edits_and_deletes(client):
    owner = make_user(client)
    doc = create_doc(client, owner)
    r = client.patch(f"/documents/{doc['id']}", json={"content": "v2"}, headers=owner.headers)
    assert r.status_code == 200 and r.json()["content"] == "v2"
    assert client.delete(f"/documents/{doc['id']}", headers=owner.headers).status_code == 204
    assert client.get(f"/documents/{doc['id']}", headers=owner.headers).status_code == 404


def test_validation(client):
    owner = make_user(client)
    for body in ({"content": "x"}, {"title": ""}, {"title": "t", "classification": "top-secret"}):
        r = client.post("/documents", json=body, headers=owner.headers)
        assert r.status_code in (400, 422), (body, r.status_code)
    r = client.post(
        "/auth/register",
        json={"email": "x-" + owner.email, "password": "long-enough-pw", "department": "Bad Dept!"},
    )
    assert r.status_code in (400, 422)


def test_documents_need_a_token(client):
    assert client.get("/documents").status_code == 401
    assert client.post("/documents", json={"title": "x"}).status_code == 401
