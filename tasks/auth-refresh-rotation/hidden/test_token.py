"""POST /auth/token: OAuth2 password form in, an access JWT and a refresh token out."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    ACCESS_TTL,
    assert_401_bearer,
    assert_no_secrets,
    jwt_parts,
    login,
    login_ok,
    new_email,
    new_password,
    register,
)


@pytest.mark.critical
def test_login_returns_access_and_refresh_tokens(client):
    email, password = new_email(), new_password()
    created = register(client, email, password)
    r = login(client, email, password)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"].lower() == "bearer"
    assert body["expires_in"] == ACCESS_TTL
    assert isinstance(body["refresh_token"], str) and len(body["refresh_token"]) >= 20
    assert body["refresh_token"] != body["access_token"]
    assert_no_secrets(r, password)
    header, payload, _ = jwt_parts(body["access_token"])
    assert header["alg"] == "HS256"
    assert payload["sub"] == str(created["id"])
    assert isinstance(payload.get("sid"), str) and payload["sid"]
    assert abs((payload["exp"] - payload["iat"]) - ACCESS_TTL) <= 1
    assert abs(payload["iat"] - time.time()) < 60


def test_each_login_is_a_new_session(client):
    email, password = new_email(), new_password()
    uid = str(register(client, email, password)["id"])
    first, second = login_ok(client, uid, email, password), login_ok(client, uid, email, password)
    assert first.refresh != second.refresh
    assert jwt_parts(first.access)[1]["sid"] != jwt_parts(second.access)[1]["sid"]


@pytest.mark.critical
def test_bad_credentials_are_401_with_bearer_challenge(client):
    email, password = new_email(), new_password()
    register(client, email, password)
    assert_401_bearer(login(client, email, password + "x"))
    assert_401_bearer(login(client, new_email(), password))


def test_token_endpoint_takes_a_form_not_json(client):
    email, password = new_email(), new_password()
    register(client, email, password)
    r = client.post("/auth/token", json={"username": email, "password": password})
    assert r.status_code in (400, 422), (r.status_code, r.text)
