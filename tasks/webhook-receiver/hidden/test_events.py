"""Processed events can be queried; signed but invalid bodies are rejected and not stored."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_not_stored, compact, counter_value, deliver, new_id


def test_list_by_type_in_receipt_order(client):
    event_type = f"custom.{new_id('t')}"
    ids = [new_id() for _ in range(3)]
    for i, event_id in enumerate(ids):
        r = deliver(client, event_id, compact({"type": event_type, "data": {"i": i}}))
        assert r.status_code == 200, r.text
    r = client.get("/events", params={"type": event_type})
    assert r.status_code == 200, r.text
    assert [e["id"] for e in r.json()] == ids
    assert [e["data"] for e in r.json()] == [{"i": 0}, {"i": 1}, {"i": 2}]
    assert all(e["type"] == event_type for e in r.json())


def test_unknown_event_and_counter(client):
    assert client.get(f"/events/{new_id()}").status_code == 404
    assert counter_value(client, new_id("ctr")) == 0


@pytest.mark.parametrize(
    "body",
    [
        b"not json at all",
        b"[1, 2, 3]",
        compact({"data": {}}),
        compact({"type": "order.paid", "data": "nope"}),
        compact({"type": "counter.incremented", "data": {"counter": "c", "amount": "ten"}}),
    ],
    ids=["not-json", "array", "no-type", "data-not-object", "bad-amount"],
)
def test_signed_but_invalid_body_is_rejected(client, body):
    event_id = new_id()
    r = deliver(client, event_id, body)
    assert r.status_code in (400, 422), (r.status_code, r.text)
    assert_not_stored(client, event_id)
