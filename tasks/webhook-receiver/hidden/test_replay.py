"""Signed requests outside the timestamp tolerance window are replays and are rejected."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import TOLERANCE, assert_not_stored, compact, deliver, new_id


@pytest.mark.critical
def test_stale_timestamp_is_401(client):
    event_id = new_id()
    body = compact({"type": "order.paid", "data": {"old": True}})
    r = deliver(client, event_id, body, timestamp=int(time.time()) - TOLERANCE - 120)
    assert r.status_code == 401, (r.status_code, r.text)
    assert_not_stored(client, event_id)


def test_far_future_timestamp_is_401(client):
    event_id = new_id()
    body = compact({"type": "order.paid", "data": {"future": True}})
    r = deliver(client, event_id, body, timestamp=int(time.time()) + TOLERANCE + 120)
    assert r.status_code == 401, (r.status_code, r.text)
    assert_not_stored(client, event_id)


def test_timestamp_inside_the_window_is_accepted(client):
    event_id = new_id()
    body = compact({"type": "order.paid", "data": {"late": True}})
    r = deliver(client, event_id, body, timestamp=int(time.time()) - TOLERANCE // 2)
    assert r.status_code == 200, (r.status_code, r.text)


def test_non_integer_timestamp_is_401(client):
    event_id = new_id()
    body = compact({"type": "order.paid", "data": {}})
    r = deliver(client, event_id, body, timestamp="2024-01-01T00:00:00Z")
    assert r.status_code == 401, (r.status_code, r.text)
    assert_not_stored(client, event_id)
