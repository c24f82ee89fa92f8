"""Only tokens the service itself signed (HS256 with APP_SECRET, unexpired) are accepted."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import httpx
import pytest
from helpers import APP_SECRET, create_note, forge, make_account, no_internals


def _claims(user_id, exp_delta: int = 600) -> dict:
    now = int(time.time())
    return {"sub": str(user_id), "iat": now, "exp": now + exp_delta}


TOKENS = {
    "alg-none": lambda uid: forge({"alg": "none", "typ": "JWT"}, _claims(uid), None),
    "alg-None-cased": lambda uid: forge({"alg": "None", "typ": "JWT"}, _claims(uid), None),
    "wrong-key": lambda uid: forge({"alg": "HS256", "typ": "JWT"}, _claims(uid), b"guessed-secret"),
    "expired": lambda uid: forge(
        {"alg": "HS256", "typ": "JWT"}, _claims(uid, -120), APP_SECRET.encode()
    ),
    "no-signature": lambda uid: forge({"alg": "HS256", "typ": "JWT"}, _claims(uid), None),
}


@pytest.fixture(scope="module")
def victim(base_url):
    with httpx.Client(base_url=base_url, timeout=10) as c:
        acct = make_account(c)
        create_note(c, acct, "victim note")
    return acct


@pytest.mark.critical
@pytest.mark.parametrize("kind", list(TOKENS))
def test_forged_token_is_rejected(client, victim, kind):
    headers = {"Authorization": f"Bearer {TOKENS[kind](victim.id)}"}
    for path in ("/users/me", "/notes"):
        r = client.get(path, headers=headers)
        assert r.status_code == 401, (kind, path, r.status_code, r.text[:300])


def test_valid_self_signed_token_is_accepted(client):
    """Control for the forgeries: a correctly signed token for the same user works."""
    acct = make_account(client)
    token = forge({"alg": "HS256", "typ": "JWT"}, _claims(acct.id), APP_SECRET.encode())
    r = client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    assert r.json()["username"] == acct.username


@pytest.mark.parametrize("value", ["Bearer not.a.jwt", "Bearer abc", "Basic dXNlcjpwYXNz"])
def test_garbage_credentials_are_401(client, value):
    r = client.get("/users/me", headers={"Authorization": value})
    assert r.status_code == 401, (r.status_code, r.text[:300])
    no_internals(r)
