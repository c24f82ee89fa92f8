"""Bootstrap admin, registration as viewer (a requested role is ignored), /users/me."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ADMIN_EMAIL, admin, new_email, token_for


@pytest.mark.critical
def test_bootstrap_admin_can_log_in(client):
    boss = admin(client)
    r = client.get("/users/me", headers=boss.headers)
    assert r.json()["role"] == "admin"
    assert r.json()["email"] == ADMIN_EMAIL.lower()


@pytest.mark.critical
def test_registration_makes_a_viewer_whatever_is_asked(client):
    email, password = new_email(), "pw-" + uuid.uuid4().hex
    r = client.post("/auth/register", json={"email": email, "password": password, "role": "admin"})
    assert r.status_code == 201, r.text
    assert r.json()["role"] == "viewer"
    token = token_for(client, email, password)
    me = client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["role"] == "viewer"
    assert "password" not in me.text.lower()


def test_duplicate_email_is_409(client):
    email = new_email()
    assert (
        client.post("/auth/register", json={"email": email, "password": "x" * 10}).status_code
        == 201
    )
    r = client.post("/auth/register", json={"email": email.upper(), "password": "y" * 10})
    assert r.status_code == 409, r.text


def test_protected_routes_need_a_token(client):
    for method, path in [("GET", "/users/me"), ("GET", "/articles"), ("GET", "/users")]:
        r = client.request(method, path)
        assert r.status_code == 401, (path, r.status_code)
        assert r.headers.get("www-authenticate", "").lower().startswith("bearer")
    r = client.get("/articles", headers={"Authorization": "Bearer not.a.token"})
    assert r.status_code == 401
