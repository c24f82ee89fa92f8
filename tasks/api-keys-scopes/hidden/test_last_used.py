"""last_used_at is null until a key is used, then the time of its latest successful use."""

import os
import sys
import time
from datetime import UTC, datetime, timedelta

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import READ, create_key, listed_keys, make_user, parse_time, with_key


def _row(client, user, key_id):
    return next(k for k in listed_keys(client, user) if str(k["id"]) == str(key_id))


@pytest.mark.critical
def test_last_used_at_tracks_use(client):
    user = make_user(client)
    used, idle = create_key(client, user, READ), create_key(client, user, READ)
    assert _row(client, user, used["id"])["last_used_at"] is None
    assert client.get("/items", headers=with_key(used["key"])).status_code == 200
    first = _row(client, user, used["id"])["last_used_at"]
    assert first is not None
    assert abs(parse_time(first) - datetime.now(UTC)) < timedelta(minutes=2)
    assert _row(client, user, idle["id"])["last_used_at"] is None
    time.sleep(1.1)
    assert client.get("/items", headers=with_key(used["key"])).status_code == 200
    second = _row(client, user, used["id"])["last_used_at"]
    assert parse_time(second) > parse_time(first)


def test_failed_use_does_not_count(client):
    user = make_user(client)
    key = create_key(client, user, READ)
    assert client.get("/items", headers=with_key(key["key"][:-1] + "#")).status_code == 401
    assert _row(client, user, key["id"])["last_used_at"] is None
