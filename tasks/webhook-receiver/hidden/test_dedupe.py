"""Each event id is processed exactly once, also when copies arrive at the same moment."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import burst, counter_event, counter_value, deliver, new_id, signed_headers


@pytest.mark.critical
def test_redelivery_is_acknowledged_but_processed_once(client):
    counter, event_id = new_id("ctr"), new_id()
    body = counter_event(counter, 7)
    first = deliver(client, event_id, body)
    assert first.status_code == 200 and first.json()["duplicate"] is False, first.text
    for _ in range(2):
        again = deliver(client, event_id, body)
        assert again.status_code == 200, (again.status_code, again.text)
        assert again.json()["duplicate"] is True
    assert counter_value(client, counter) == 7
    listed = client.get("/events", params={"type": "counter.incremented", "limit": 1000}).json()
    assert [e["id"] for e in listed].count(event_id) <= 1


def test_redelivery_with_a_different_body_keeps_the_first(client):
    counter, event_id = new_id("ctr"), new_id()
    assert deliver(client, event_id, counter_event(counter, 3)).status_code == 200
    r = deliver(client, event_id, counter_event(counter, 500))
    assert r.status_code == 200 and r.json()["duplicate"] is True, r.text
    assert counter_value(client, counter) == 3
    assert client.get(f"/events/{event_id}").json()["data"]["amount"] == 3


def test_distinct_ids_are_all_processed(client):
    counter = new_id("ctr")
    for amount in (1, 2, 4):
        r = deliver(client, new_id(), counter_event(counter, amount))
        assert r.status_code == 200 and r.json()["duplicate"] is False, r.text
    assert counter_value(client, counter) == 7


@pytest.mark.critical
def test_concurrent_copies_are_processed_once(client):
    counter, event_id = new_id("ctr"), new_id()
    body = counter_event(counter, 5)
    headers = signed_headers(event_id, body)
    results = burst([{"content": body, "headers": headers} for _ in range(12)])
    assert all(r.status_code == 200 for r in results), [(r.status_code, r.text) for r in results]
    assert sum(r.json()["duplicate"] is False for r in results) == 1
    assert counter_value(client, counter) == 5


def test_rejected_event_does_not_block_a_valid_one(client):
    counter, event_id = new_id("ctr"), new_id()
    body = counter_event(counter, 9)
    bad = signed_headers(event_id, body, secret="whsec_wrong_wrong_wrong_wrong_00")
    assert client.post("/webhooks/inbound", content=body, headers=bad).status_code == 401
    r = deliver(client, event_id, body)
    assert r.status_code == 200 and r.json()["duplicate"] is False, r.text
    assert counter_value(client, counter) == 9
