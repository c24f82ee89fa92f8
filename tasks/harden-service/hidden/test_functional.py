"""The documented API keeps working for its legitimate users."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import admin_headers, create_note, login, make_account, new_username


@pytest.mark.critical
def test_register_login_me(client):
    acct = make_account(client)
    r = client.get("/users/me", headers=acct.headers)
    assert r.status_code == 200, r.text
    me = r.json()
    assert str(me["id"]) == str(acct.id)
    assert me["username"] == acct.username and me["is_admin"] is False


def test_duplicate_username_is_409(client):
    acct = make_account(client)
    r = client.post("/users", json={"username": acct.username, "password": "another-password"})
    assert r.status_code == 409, r.text


def test_wrong_password_and_unknown_user_are_401(client):
    acct = make_account(client)
    assert login(client, acct.username, acct.password + "x").status_code == 401
    assert login(client, new_username(), acct.password).status_code == 401


def test_invalid_registration_is_422(client):
    for body in (
        {"username": "ab", "password": "long-enough-pw"},
        {"username": new_username(), "password": "short"},
        {"username": "Has Spaces", "password": "long-enough-pw"},
    ):
        r = client.post("/users", json=body)
        assert r.status_code in (400, 422), (body, r.status_code, r.text)


@pytest.mark.critical
def test_notes_crud_for_owner(client):
    acct = make_account(client)
    note = create_note(client, acct, "Groceries", "milk and eggs")
    assert note["title"] == "Groceries" and note["body"] == "milk and eggs"
    assert str(note["owner_id"]) == str(acct.id)
    r = client.get(f"/notes/{note['id']}", headers=acct.headers)
    assert r.status_code == 200 and r.json()["title"] == "Groceries"
    listed = client.get("/notes", headers=acct.headers).json()
    assert [n["id"] for n in listed] == [note["id"]]
    assert client.delete(f"/notes/{note['id']}", headers=acct.headers).status_code == 204
    assert client.get(f"/notes/{note['id']}", headers=acct.headers).status_code == 404


@pytest.mark.critical
def test_search_own_notes(client):
    acct = make_account(client)
    word = uuid.uuid4().hex[:10]
    a = create_note(client, acct, f"Trip to {word.upper()}", "pack bags")
    b = create_note(client, acct, "Misc", f"remember the {word} plan")
    create_note(client, acct, "Other", "nothing here")
    r = client.get("/notes/search", params={"q": word}, headers=acct.headers)
    assert r.status_code == 200, r.text
    assert sorted(n["id"] for n in r.json()) == sorted([a["id"], b["id"]])


def test_admin_lists_users(client):
    acct = make_account(client)
    r = client.get("/admin/users", headers=admin_headers(client))
    assert r.status_code == 200, r.text
    assert acct.username in {u["username"] for u in r.json()}
    assert client.get("/admin/users", headers=acct.headers).status_code == 403


def test_health(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
