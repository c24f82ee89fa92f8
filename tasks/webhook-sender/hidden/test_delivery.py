"""Events are delivered in the background as signed POSTs to every matching subscription."""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    deliveries,
    new_secret,
    publish,
    received,
    sink,
    subscribe,
    unique_type,
    valid_signature,
    wait_delivery_final,
    wait_received,
)


@pytest.mark.critical
def test_event_is_delivered_signed(client):
    path, url = sink(200)
    secret, event_type = new_secret(), unique_type()
    subscribe(client, url, [event_type], secret)
    event = publish(client, event_type, {"order": 42, "note": "caf\u00e9"})
    got = wait_received(path, 1)
    assert len(got) == 1, "no delivery reached the sink"
    request = got[0]
    assert request.headers.get("x-webhook-id") == event["id"]
    assert abs(int(request.headers["x-webhook-timestamp"]) - time.time()) < 60
    assert valid_signature(secret, request), (request.headers, request.body)
    body = json.loads(request.body)
    assert body["id"] == event["id"] and body["type"] == event_type
    assert body["data"] == {"order": 42, "note": "caf\u00e9"}
    log = wait_delivery_final(client, event["id"])
    assert log["status"] == "succeeded" and log["attempts"] == 1, log
    assert log["last_status_code"] == 200


def test_signature_uses_each_subscriptions_own_secret(client):
    (p1, u1), (p2, u2) = sink(200), sink(200)
    s1, s2, event_type = new_secret(), new_secret(), unique_type()
    subscribe(client, u1, [event_type], s1)
    subscribe(client, u2, [event_type], s2)
    publish(client, event_type, {"n": 1})
    r1, r2 = wait_received(p1, 1), wait_received(p2, 1)
    assert len(r1) == 1 and len(r2) == 1
    assert valid_signature(s1, r1[0]) and valid_signature(s2, r2[0])
    assert not valid_signature(s2, r1[0])


@pytest.mark.critical
def test_fan_out_only_to_matching_subscriptions(client):
    (p_a, u_a), (p_b, u_b), (p_other, u_other) = sink(200), sink(200), sink(200)
    wanted, other = unique_type(), unique_type()
    subscribe(client, u_a, [wanted], new_secret())
    subscribe(client, u_b, [other, wanted], new_secret())
    subscribe(client, u_other, [other], new_secret())
    event = publish(client, wanted, {"x": 1})
    assert len(wait_received(p_a, 1)) == 1 and len(wait_received(p_b, 1)) == 1
    time.sleep(0.5)
    assert received(p_other) == []
    assert len(received(p_a)) == 1 and len(received(p_b)) == 1
    log = deliveries(client, event["id"])
    assert len(log) == 2, log


def test_slow_subscriber_times_out_and_is_retried(client):
    path, url = sink("hang", 200)
    event_type = unique_type()
    subscribe(client, url, [event_type], new_secret())
    event = publish(client, event_type, {"slow": True})
    log = wait_delivery_final(client, event["id"], timeout=20)
    assert log["status"] == "succeeded" and log["attempts"] == 2, log
    assert len(received(path)) == 2


def test_event_without_subscribers_has_an_empty_log(client):
    event = publish(client, unique_type("nobody"), {})
    assert deliveries(client, event["id"]) == []
