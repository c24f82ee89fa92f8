"""POST /auth/token: OAuth2 password form in, HS256 bearer JWT out; failures are 401 + Bearer."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    ACCESS_TTL,
    assert_401_bearer,
    assert_no_secrets,
    hs256,
    jwt_parts,
    login,
    make_user,
    new_email,
    new_password,
    register,
)


@pytest.mark.critical
def test_login_returns_bearer_jwt(client):
    email, password = new_email(), new_password()
    created = register(client, email, password)
    r = login(client, email, password)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"].lower() == "bearer"
    assert body["expires_in"] == ACCESS_TTL
    assert_no_secrets(r, password)
    header, payload, _ = jwt_parts(body["access_token"])
    assert header["alg"] == "HS256"
    assert payload["sub"] == str(created["id"])
    assert isinstance(payload["exp"], int | float) and isinstance(payload["iat"], int | float)
    assert abs((payload["exp"] - payload["iat"]) - ACCESS_TTL) <= 1
    assert abs(payload["iat"] - time.time()) < 60


@pytest.mark.critical
def test_wrong_password_is_401_with_bearer_challenge(client):
    email, password = new_email(), new_password()
    register(client, email, password)
    r = login(client, email, password + "x")
    assert_401_bearer(r)
    assert isinstance(r.json().get("detail"), str)
    assert "access_token" not in r.text


def test_unknown_email_is_401_with_bearer_challenge(client):
    assert_401_bearer(login(client, new_email(), new_password()))


def test_token_endpoint_takes_a_form_not_json(client):
    email, password = new_email(), new_password()
    register(client, email, password)
    r = client.post("/auth/token", json={"username": email, "password": password})
    assert r.status_code in (400, 422), (r.status_code, r.text)
    r = client.post("/auth/token", data={"username": email})
    assert r.status_code in (400, 422), (r.status_code, r.text)


def test_users_with_the_same_password_get_different_tokens(client):
    password = new_password()
    emails = [new_email(), new_email()]
    tokens = []
    for email in emails:
        register(client, email, password)
        tokens.append(login(client, email, password).json()["access_token"])
    assert tokens[0] != tokens[1]


def test_token_is_signed_with_app_secret(client):
    secret = os.environ.get("APP_SECRET")
    if not secret:
        pytest.skip("APP_SECRET is not given to the tests")
    user = make_user(client)
    signing_input, signature = user.token.rsplit(".", 1)
    assert signature == hs256(signing_input, secret.encode())
