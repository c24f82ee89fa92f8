"""Clients cannot grant themselves admin rights, and passwords never come back out."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import HASH_MARKERS, admin_headers, make_account


@pytest.mark.critical
def test_is_admin_in_registration_body_is_ignored(client):
    acct = make_account(client, is_admin=True)
    me = client.get("/users/me", headers=acct.headers)
    assert me.status_code == 200 and me.json()["is_admin"] is False, me.text
    r = client.get("/admin/users", headers=acct.headers)
    assert r.status_code == 403, (r.status_code, r.text[:300])


def _keys(value: object) -> list[str]:
    if isinstance(value, dict):
        return [k.lower() for k in value] + [k for v in value.values() for k in _keys(v)]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


@pytest.mark.critical
def test_no_password_or_hash_in_any_response(client):
    username_pw = "pw-Visible-Canary-123"
    r = client.post("/users", json={"username": "u_" + os.urandom(6).hex(), "password": username_pw})
    assert r.status_code == 201, r.text
    token = client.post(
        "/auth/login", json={"username": r.json()["username"], "password": username_pw}
    ).json()["access_token"]
    responses = [
        r,
        client.get("/users/me", headers={"Authorization": f"Bearer {token}"}),
        client.get("/admin/users", headers=admin_headers(client)),
    ]
    for resp in responses:
        assert resp.status_code in (200, 201), resp.text[:300]
        assert username_pw not in resp.text
        assert not any(m in resp.text for m in HASH_MARKERS), resp.text[:300]
        assert not [k for k in _keys(resp.json()) if "password" in k or "hash" in k]
