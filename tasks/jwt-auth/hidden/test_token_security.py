"""Forged, tampered and expired tokens are refused (401 + Bearer challenge)."""

import hashlib
import os
import secrets
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ACCESS_TTL, assert_401_bearer, bearer, jwt_parts, make_user, sign


@pytest.mark.critical
@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
def test_alg_none_is_rejected(client, alg):
    user = make_user(client)
    header, payload, _ = jwt_parts(user.token)
    forged = sign({**header, "alg": alg}, payload, None)
    assert_401_bearer(client.get("/users/me", headers=bearer(forged)))
    assert_401_bearer(client.get("/notes", headers=bearer(forged)))


@pytest.mark.critical
def test_token_signed_with_another_key_is_rejected(client):
    user = make_user(client)
    header, payload, _ = jwt_parts(user.token)
    forged = sign(header, payload, secrets.token_bytes(32))
    assert_401_bearer(client.get("/users/me", headers=bearer(forged)))


@pytest.mark.critical
def test_tampered_subject_is_rejected(client):
    alice, bob = make_user(client), make_user(client)
    header_part, _, signature = alice.token.split(".")
    bob_payload = bob.token.split(".")[1]
    tampered = f"{header_part}.{bob_payload}.{signature}"
    r = client.get("/users/me", headers=bearer(tampered))
    assert_401_bearer(r)
    assert bob.email not in r.text


@pytest.mark.critical
def test_expired_token_is_rejected(client):
    user = make_user(client)
    assert client.get("/users/me", headers=user.headers).status_code == 200
    time.sleep(ACCESS_TTL + 1.2)
    assert_401_bearer(client.get("/users/me", headers=user.headers))
    assert_401_bearer(client.get("/notes", headers=user.headers))


def test_tokens_minted_with_app_secret_follow_the_contract(client):
    """With the real key: sub selects the user, exp is enforced, only HS256 is accepted."""
    secret = os.environ.get("APP_SECRET")
    if not secret:
        pytest.skip("APP_SECRET is not given to the tests")
    alice, bob = make_user(client), make_user(client)
    header, payload, _ = jwt_parts(alice.token)
    now = int(time.time())
    as_bob = sign(header, {**payload, "sub": bob.id, "iat": now, "exp": now + 60}, secret.encode())
    r = client.get("/users/me", headers=bearer(as_bob))
    assert r.status_code == 200 and r.json()["email"] == bob.email, r.text
    expired = sign(header, {**payload, "iat": now - 120, "exp": now - 60}, secret.encode())
    assert_401_bearer(client.get("/users/me", headers=bearer(expired)))
    hs512 = sign({**header, "alg": "HS512"}, payload, secret.encode(), hashlib.sha512)
    assert_401_bearer(client.get("/users/me", headers=bearer(hs512)))
