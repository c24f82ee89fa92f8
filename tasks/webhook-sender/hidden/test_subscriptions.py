"""Subscriptions: created with a URL, event types and a secret that is never shown again."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import new_secret, sink, subscribe, unique_type


@pytest.mark.critical
def test_create_and_read_subscription_without_secret(client):
    _, url = sink(200)
    secret, event_type = new_secret(), unique_type()
    sub = subscribe(client, url, [event_type], secret)
    assert sub["url"] == url and sub["event_types"] == [event_type], sub
    assert secret not in str(sub)
    r = client.get(f"/subscriptions/{sub['id']}")
    assert r.status_code == 200, r.text
    assert r.json()["url"] == url and secret not in r.text


@pytest.mark.parametrize(
    "body",
    [
        {"event_types": ["a"], "secret": "s" * 20},
        {"url": "SINK", "event_types": [], "secret": "s" * 20},
        {"url": "SINK", "event_types": ["a"], "secret": "short"},
        {"url": "SINK", "event_types": ["a"]},
        {"url": "not a url", "event_types": ["a"], "secret": "s" * 20},
    ],
    ids=["no-url", "no-types", "short-secret", "no-secret", "garbage-url"],
)
def test_invalid_subscription_is_422(client, body):
    _, url = sink(200)
    body = {k: (url if v == "SINK" else v) for k, v in body.items()}
    r = client.post("/subscriptions", json=body)
    assert r.status_code in (400, 422), (r.status_code, r.text)


def test_unknown_subscription_and_event_are_404(client):
    assert client.get(f"/subscriptions/{uuid.uuid4().hex}").status_code == 404
    assert client.get(f"/events/{uuid.uuid4().hex}/deliveries").status_code == 404
