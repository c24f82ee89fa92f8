"""Access tokens live ACCESS_TTL_SECONDS, refresh tokens REFRESH_TTL_SECONDS (real waiting)."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    ACCESS_TTL,
    REFRESH_TTL,
    assert_401,
    assert_401_bearer,
    make_user,
    me,
    me_live,
    refresh,
)


@pytest.mark.critical
def test_access_expires_first_then_refresh(client):
    assert REFRESH_TTL >= ACCESS_TTL + 2, "the test needs a refresh TTL well above the access TTL"
    spare = make_user(client)  # its refresh token is left to age past REFRESH_TTL
    user = make_user(client)
    start = time.monotonic()
    assert me_live(client, user.access).status_code == 200
    time.sleep(ACCESS_TTL + 1.2)
    assert_401_bearer(me(client, user.access))
    # Still within REFRESH_TTL: refreshing gives a working access token again.
    renewed = refresh(client, user.refresh)
    assert renewed.status_code == 200, renewed.text
    assert me_live(client, renewed.json()["access_token"]).status_code == 200
    time.sleep(max(0.0, REFRESH_TTL + 1.2 - (time.monotonic() - start)))
    assert_401(refresh(client, spare.refresh))
