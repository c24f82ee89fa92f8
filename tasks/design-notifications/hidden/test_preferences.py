"""Preferences: defaults, full replacement, normalisation and validation."""

import os
import sys
from datetime import datetime

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ALL_ON, put_prefs, user


@pytest.mark.critical
def test_defaults_for_unknown_user(client):
    uid = user()
    r = client.get(f"/users/{uid}/preferences")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["user_id"] == uid
    assert body["channels"] == {"email": True, "sms": False, "push": True}
    assert body["opted_out"] == []
    assert body["quiet_hours"] is None
    assert body["updated_at"] is None


@pytest.mark.critical
def test_put_replaces_and_get_returns_it(client):
    uid = user()
    quiet = {"start": "22:00", "end": "07:00", "timezone": "Europe/Berlin"}
    body = {
        "channels": ALL_ON,
        "opted_out": ["marketing", "billing", "marketing"],
        "quiet_hours": quiet,
    }
    r = put_prefs(client, uid, body)
    assert r.status_code == 200, r.text
    for got in (r.json(), client.get(f"/users/{uid}/preferences").json()):
        assert got["channels"] == ALL_ON
        assert got["opted_out"] == ["billing", "marketing"]
        assert got["quiet_hours"] == quiet
        datetime.fromisoformat(got["updated_at"].replace("Z", "+00:00"))
    r = put_prefs(client, uid, {"channels": {"email": False, "sms": False, "push": True}})
    assert r.status_code == 200
    got = client.get(f"/users/{uid}/preferences").json()
    assert (got["opted_out"], got["quiet_hours"]) == ([], None)
    assert got["channels"] == {"email": False, "sms": False, "push": True}


@pytest.mark.parametrize(
    "body",
    [
        {"channels": {"email": True, "sms": True}},
        {"channels": {**ALL_ON, "fax": True}},
        {"channels": ALL_ON, "opted_out": ["spam"]},
        {"channels": ALL_ON, "opted_out": ["security"]},
        {"channels": ALL_ON, "quiet_hours": {"start": "24:00", "end": "07:00", "timezone": "UTC"}},
        {"channels": ALL_ON, "quiet_hours": {"start": "7:5", "end": "08:00", "timezone": "UTC"}},
        {"channels": ALL_ON, "quiet_hours": {"start": "08:00", "end": "08:00", "timezone": "UTC"}},
        {
            "channels": ALL_ON,
            "quiet_hours": {"start": "22:00", "end": "07:00", "timezone": "Mars/Olympus"},
        },
        {"channels": ALL_ON, "colour": "blue"},
    ],
    ids=[
        "missing-channel",
        "unknown-channel",
        "unknown-category",
        "security-opt-out",
        "hour-24",
        "short-time",
        "empty-window",
        "unknown-zone",
        "unknown-field",
    ],
)
def test_invalid_preferences_are_422_and_change_nothing(client, body):
    uid = user()
    r = put_prefs(client, uid, body)
    assert r.status_code == 422, (r.status_code, r.text)
    assert client.get(f"/users/{uid}/preferences").json()["updated_at"] is None


def test_invalid_user_id_is_422(client):
    assert client.get("/users/" + "x" * 65 + "/preferences").status_code == 422
    assert client.get("/users/bad.id/preferences").status_code == 422
