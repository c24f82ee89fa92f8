"""POST /auth/logout ends a session: its refresh and access tokens stop working at once."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    assert_401,
    assert_401_bearer,
    login_ok,
    make_user,
    extended,
    me,
    me_live,
    new_email,
    new_password,
    refresh,
    register,
)


def logout(client, token):
    return client.post("/auth/logout", json={"refresh_token": token})


@pytest.mark.critical
def test_logout_revokes_refresh_and_access_tokens(client):
    user = make_user(client)
    assert me_live(client, user.access).status_code == 200
    r = logout(client, user.refresh)
    assert r.status_code == 204, (r.status_code, r.text)
    assert_401(refresh(client, user.refresh))
    assert_401_bearer(me(client, extended(user.access)))


@pytest.mark.critical
def test_logout_with_a_rotated_token_ends_the_session(client):
    user = make_user(client)
    second = refresh(client, user.refresh).json()
    assert logout(client, second["refresh_token"]).status_code == 204
    assert_401(refresh(client, second["refresh_token"]))
    assert_401(me(client, extended(second["access_token"])))


def test_logout_leaves_other_sessions_alone(client):
    email, password = new_email(), new_password()
    uid = str(register(client, email, password)["id"])
    first, second = login_ok(client, uid, email, password), login_ok(client, uid, email, password)
    assert logout(client, first.refresh).status_code == 204
    r = refresh(client, second.refresh)
    assert r.status_code == 200, r.text
    assert me_live(client, r.json()["access_token"]).status_code == 200


def test_logout_is_idempotent(client):
    user = make_user(client)
    assert logout(client, user.refresh).status_code == 204
    assert logout(client, user.refresh).status_code == 204
    assert logout(client, "never-issued-" + user.id).status_code == 204
