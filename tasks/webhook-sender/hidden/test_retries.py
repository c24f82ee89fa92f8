"""Failed deliveries (5xx, 429, timeouts) are retried with exponential backoff, up to a limit."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    MAX_ATTEMPTS,
    RETRY_BASE,
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
def test_server_errors_are_retried_until_success(client):
    path, url = sink(503, 500, 200)
    secret, event_type = new_secret(), unique_type()
    subscribe(client, url, [event_type], secret)
    event = publish(client, event_type, {"retry": True})
    log = wait_delivery_final(client, event["id"])
    assert log["status"] == "succeeded" and log["attempts"] == 3, log
    got = received(path)
    assert len(got) == 3, len(got)
    assert {r.headers.get("x-webhook-id") for r in got} == {event["id"]}
    assert all(valid_signature(secret, r) for r in got)


def test_retries_back_off_exponentially(client):
    path, url = sink(500, 500, 200)
    event_type = unique_type()
    subscribe(client, url, [event_type], new_secret())
    publish(client, event_type, {})
    got = wait_received(path, 3)
    assert len(got) == 3, len(got)
    first_gap, second_gap = got[1].at - got[0].at, got[2].at - got[1].at
    assert first_gap >= 0.75 * RETRY_BASE, first_gap
    assert second_gap >= 0.75 * 2 * RETRY_BASE, second_gap


@pytest.mark.critical
def test_gives_up_after_max_attempts(client):
    path, url = sink(500)
    event_type = unique_type()
    subscribe(client, url, [event_type], new_secret())
    event = publish(client, event_type, {"doomed": True})
    log = wait_delivery_final(client, event["id"], timeout=20)
    assert log["status"] == "failed", log
    assert log["attempts"] == MAX_ATTEMPTS and log["last_status_code"] == 500, log
    time.sleep(1.0)
    assert len(received(path)) == MAX_ATTEMPTS


def test_client_errors_are_not_retried(client):
    path, url = sink(410)
    event_type = unique_type()
    subscribe(client, url, [event_type], new_secret())
    event = publish(client, event_type, {})
    log = wait_delivery_final(client, event["id"])
    assert log["status"] == "failed" and log["attempts"] == 1, log
    assert log["last_status_code"] == 410
    time.sleep(4 * RETRY_BASE)
    assert len(received(path)) == 1


def test_too_many_requests_is_retried(client):
    path, url = sink(429, 200)
    event_type = unique_type()
    subscribe(client, url, [event_type], new_secret())
    event = publish(client, event_type, {})
    log = wait_delivery_final(client, event["id"])
    assert log["status"] == "succeeded" and log["attempts"] == 2, log
    assert len(wait_received(path, 2)) == 2
