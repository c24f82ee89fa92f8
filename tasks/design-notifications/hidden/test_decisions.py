"""Decisions: channel switch, then category opt-out, then quiet hours (never for security)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ALL_ON, decide, put_prefs, user


def _user(client, **prefs):
    uid = user()
    r = put_prefs(client, uid, {"channels": ALL_ON, **prefs})
    assert r.status_code == 200, r.text
    return uid


@pytest.mark.critical
def test_defaults_decide_by_channel(client):
    uid = user()
    assert decide(client, uid, "marketing", "email", "2030-01-01T12:00:00Z") == {
        "deliver": True,
        "reason": "ok",
    }
    assert decide(client, uid, "security", "sms", "2030-01-01T12:00:00Z") == {
        "deliver": False,
        "reason": "channel_disabled",
    }


@pytest.mark.critical
def test_opted_out_category(client):
    uid = _user(client, opted_out=["marketing"])
    got = decide(client, uid, "marketing", "push", "2030-01-01T12:00:00Z")
    assert got == {"deliver": False, "reason": "category_opted_out"}
    assert decide(client, uid, "billing", "push", "2030-01-01T12:00:00Z")["reason"] == "ok"


def test_channel_reason_comes_first(client):
    uid = uuid_user = _user(client, opted_out=["marketing"])
    put_prefs(
        client, uuid_user, {"channels": {**ALL_ON, "push": False}, "opted_out": ["marketing"]}
    )
    assert (
        decide(client, uid, "marketing", "push", "2030-01-01T12:00:00Z")["reason"]
        == "channel_disabled"
    )


@pytest.mark.critical
def test_quiet_hours_wrapping_midnight_in_local_time(client):
    uid = _user(client, quiet_hours={"start": "22:00", "end": "07:00", "timezone": "Europe/Berlin"})
    # Berlin is UTC+1 in January
    cases = {
        "2030-01-15T20:59:00Z": "ok",  # 21:59 local
        "2030-01-15T21:00:00Z": "quiet_hours",  # 22:00 local
        "2030-01-15T23:30:00Z": "quiet_hours",  # 00:30 local
        "2030-01-16T05:59:00Z": "quiet_hours",  # 06:59 local
        "2030-01-16T06:00:00Z": "ok",  # 07:00 local
        "2030-01-16T12:00:00+09:00": "quiet_hours",  # 04:00 local
    }
    got = {at: decide(client, uid, "marketing", "email", at)["reason"] for at in cases}
    assert got == cases


def test_quiet_hours_same_day_window_and_dst(client):
    uid = _user(
        client, quiet_hours={"start": "12:00", "end": "14:00", "timezone": "America/New_York"}
    )
    # New York is UTC-5 in January and UTC-4 in July
    assert decide(client, uid, "billing", "push", "2030-01-15T17:30:00Z")["reason"] == "quiet_hours"
    assert decide(client, uid, "billing", "push", "2030-01-15T16:30:00Z")["reason"] == "ok"
    assert decide(client, uid, "billing", "push", "2030-07-15T16:30:00Z")["reason"] == "quiet_hours"
    assert decide(client, uid, "billing", "push", "2030-07-15T18:00:00Z")["reason"] == "ok"


@pytest.mark.critical
def test_security_ignores_quiet_hours(client):
    uid = _user(client, quiet_hours={"start": "00:00", "end": "23:59", "timezone": "UTC"})
    assert decide(client, uid, "security", "email", "2030-01-15T10:00:00Z") == {
        "deliver": True,
        "reason": "ok",
    }
    assert (
        decide(client, uid, "billing", "email", "2030-01-15T10:00:00Z")["reason"] == "quiet_hours"
    )


@pytest.mark.parametrize(
    "body",
    [
        {"category": "spam", "channel": "email", "at": "2030-01-01T00:00:00Z"},
        {"category": "billing", "channel": "fax", "at": "2030-01-01T00:00:00Z"},
        {"category": "billing", "channel": "email", "at": "2030-01-01T00:00:00"},
        {"category": "billing", "channel": "email"},
    ],
    ids=["category", "channel", "naive-at", "no-at"],
)
def test_invalid_decision_is_422(client, body):
    r = client.post(f"/users/{user()}/decisions", json=body)
    assert r.status_code == 422, (r.status_code, r.text)
