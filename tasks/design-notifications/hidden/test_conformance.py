"""Live responses validate against the schemas the service documents for them."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    ALL_ON,
    DECISIONS,
    PREFS,
    conform,
    fetch_openapi,
    put_prefs,
    response_schema,
    user,
)


def _check(client, path, method, body):
    doc = fetch_openapi(client)
    errors = conform(doc, response_schema(doc, path, method), body)
    assert not errors, errors


@pytest.mark.critical
def test_default_preferences_conform(client):
    r = client.get(f"/users/{user()}/preferences")
    assert r.status_code == 200
    _check(client, PREFS, "get", r.json())


@pytest.mark.critical
def test_stored_preferences_conform(client):
    uid = user()
    body = {
        "channels": ALL_ON,
        "opted_out": ["marketing", "billing"],
        "quiet_hours": {"start": "21:30", "end": "06:45", "timezone": "Asia/Tokyo"},
    }
    r = put_prefs(client, uid, body)
    assert r.status_code == 200, r.text
    _check(client, PREFS, "put", r.json())
    r = client.get(f"/users/{uid}/preferences")
    _check(client, PREFS, "get", r.json())


def test_preferences_without_quiet_hours_conform(client):
    uid = user()
    r = put_prefs(client, uid, {"channels": {"email": False, "sms": True, "push": False}})
    assert r.status_code == 200, r.text
    _check(client, PREFS, "put", r.json())
    _check(client, PREFS, "get", client.get(f"/users/{uid}/preferences").json())


@pytest.mark.critical
def test_decisions_conform(client):
    uid = user()
    put_prefs(
        client,
        uid,
        {
            "channels": {"email": True, "sms": False, "push": True},
            "opted_out": ["product_updates"],
            "quiet_hours": {"start": "00:00", "end": "06:00", "timezone": "UTC"},
        },
    )
    for category, channel, at in [
        ("billing", "email", "2030-05-01T12:00:00Z"),
        ("billing", "sms", "2030-05-01T12:00:00Z"),
        ("product_updates", "push", "2030-05-01T12:00:00Z"),
        ("marketing", "push", "2030-05-01T03:00:00Z"),
    ]:
        r = client.post(
            f"/users/{uid}/decisions", json={"category": category, "channel": channel, "at": at}
        )
        assert r.status_code == 200, r.text
        _check(client, DECISIONS, "post", r.json())
