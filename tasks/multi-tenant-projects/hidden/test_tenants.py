"""Tenant sign-up, logins, tenant admins adding users; members cannot."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import add_user, ids, new_email, new_password, new_tenant


@pytest.mark.critical
def test_tenant_signup_and_me(client):
    admin = new_tenant(client)
    r = client.get("/users/me", headers=admin.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert str(body["id"]) == admin.id and body["role"] == "admin"
    assert str(body["tenant_id"]) == admin.tenant_id
    assert "password" not in r.text.lower()


@pytest.mark.critical
def test_admin_adds_members_who_land_in_the_same_tenant(client):
    admin = new_tenant(client)
    member = add_user(client, admin)
    me = client.get("/users/me", headers=member.headers).json()
    assert me["role"] == "member" and str(me["tenant_id"]) == admin.tenant_id
    listed = client.get("/users", headers=member.headers)
    assert listed.status_code == 200
    assert ids(listed.json()) == {admin.id, member.id}


@pytest.mark.critical
def test_members_cannot_add_users(client):
    admin = new_tenant(client)
    member = add_user(client, admin)
    r = client.post(
        "/users",
        json={"email": new_email(), "password": new_password(), "role": "admin"},
        headers=member.headers,
    )
    assert r.status_code == 403, (r.status_code, r.text)
    assert len(client.get("/users", headers=admin.headers).json()) == 2


def test_users_list_is_tenant_scoped(client):
    first, second = new_tenant(client), new_tenant(client)
    add_user(client, second)
    listed = client.get("/users", headers=first.headers)
    assert ids(listed.json()) == {first.id}
    assert second.email not in listed.text


def test_email_is_globally_unique(client):
    admin = new_tenant(client)
    other = new_tenant(client)
    r = client.post(
        "/users",
        json={"email": admin.email.upper(), "password": new_password()},
        headers=other.headers,
    )
    assert r.status_code == 409, (r.status_code, r.text)


def test_user_created_with_foreign_tenant_id_stays_home(client):
    admin, victim = new_tenant(client), new_tenant(client)
    email, password = new_email(), new_password()
    r = client.post(
        "/users",
        json={"email": email, "password": password, "tenant_id": victim.tenant_id},
        headers=admin.headers,
    )
    # The prompt allows ignoring the field (201, in the caller's tenant) or rejecting it (422).
    assert r.status_code in (201, 422), (r.status_code, r.text)
    if r.status_code == 201:
        assert str(r.json()["tenant_id"]) == admin.tenant_id
    assert ids(client.get("/users", headers=victim.headers).json()) == {victim.id}
