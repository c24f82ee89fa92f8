"""GET /users/me needs a valid bearer token; anything else is 401 with a Bearer challenge."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_401_bearer, assert_no_secrets, make_user


@pytest.mark.critical
def test_me_returns_the_token_owner(client):
    user = make_user(client)
    r = client.get("/users/me", headers=user.headers)
    assert r.status_code == 200, r.text
    assert str(r.json()["id"]) == user.id
    assert r.json()["email"] == user.email
    assert_no_secrets(r, user.password)


@pytest.mark.critical
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer not-a-jwt", "Bearer a.b.c", "Basic dXNlcjpwYXNzd29yZA==", "RAW"],
    ids=["missing", "empty-bearer", "garbage", "bad-segments", "basic-scheme", "no-scheme"],
)
def test_me_rejects_bad_credentials(client, authorization):
    headers = {}
    if authorization == "RAW":
        headers["Authorization"] = make_user(client).token
    elif authorization is not None:
        headers["Authorization"] = authorization
    assert_401_bearer(client.get("/users/me", headers=headers))
