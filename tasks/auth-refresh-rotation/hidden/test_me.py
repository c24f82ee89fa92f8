"""GET /users/me: only a valid, unexpired HS256 access token of a live session is accepted."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    assert_401_bearer,
    assert_no_secrets,
    bearer,
    jwt_parts,
    make_user,
    me,
    me_live,
    sign,
)


@pytest.mark.critical
def test_me_returns_the_token_owner(client):
    user = make_user(client)
    r = me_live(client, user.access)
    assert r.status_code == 200, r.text
    assert str(r.json()["id"]) == user.id
    assert r.json()["email"] == user.email
    assert_no_secrets(r, user.password)


@pytest.mark.critical
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer not-a-jwt", "Basic dXNlcjpwYXNzd29yZA==", "REFRESH"],
    ids=["missing", "garbage", "basic-scheme", "refresh-token-as-bearer"],
)
def test_me_rejects_bad_credentials(client, authorization):
    headers = {}
    if authorization == "REFRESH":
        headers = bearer(make_user(client).refresh)
    elif authorization is not None:
        headers["Authorization"] = authorization
    assert_401_bearer(client.get("/users/me", headers=headers))


@pytest.mark.critical
def test_forged_tokens_are_rejected(client):
    user = make_user(client)
    header, payload, _ = jwt_parts(user.access)
    assert_401_bearer(me(client, sign({**header, "alg": "none"}, payload, None)))
    assert_401_bearer(me(client, sign(header, payload, os.urandom(32))))


@pytest.mark.critical
def test_expired_access_token_is_rejected(client):
    """A token minted with APP_SECRET whose exp has passed (the session is still live)."""
    secret = os.environ.get("APP_SECRET")
    if not secret:
        pytest.skip("APP_SECRET is not given to the tests")
    user = make_user(client)
    header, payload, _ = jwt_parts(user.access)
    now = int(time.time())
    fresh = sign(header, {**payload, "iat": now, "exp": now + 60}, secret.encode())
    assert me(client, fresh).status_code == 200
    expired = sign(header, {**payload, "iat": now - 120, "exp": now - 30}, secret.encode())
    assert_401_bearer(me(client, expired))
