"""Only events signed with the shared secret over the exact raw body and id are accepted."""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import PATH, assert_not_stored, compact, deliver, new_id, signature, signed_headers


@pytest.mark.critical
def test_valid_event_is_accepted_and_stored(client):
    event_id = new_id()
    data = {"order": new_id("ord"), "total": 1250, "items": [1, 2, 3]}
    r = deliver(client, event_id, compact({"type": "order.paid", "data": data}))
    assert r.status_code == 200, (r.status_code, r.text)
    assert r.json()["duplicate"] is False and r.json()["id"] == event_id
    got = client.get(f"/events/{event_id}")
    assert got.status_code == 200, got.text
    assert got.json()["type"] == "order.paid" and got.json()["data"] == data


@pytest.mark.critical
def test_wrong_secret_is_401(client):
    event_id = new_id()
    body = compact({"type": "order.paid", "data": {"n": 1}})
    r = deliver(client, event_id, body, secret="whsec_not_the_right_secret_at_all")
    assert r.status_code == 401, (r.status_code, r.text)
    assert_not_stored(client, event_id)


@pytest.mark.critical
def test_tampered_body_is_401(client):
    event_id = new_id()
    body = compact({"type": "order.paid", "data": {"total": 100}})
    headers = signed_headers(event_id, body)
    r = client.post(PATH, content=body.replace(b"100", b"900"), headers=headers)
    assert r.status_code == 401, (r.status_code, r.text)
    assert_not_stored(client, event_id)


def test_id_is_part_of_the_signed_content(client):
    original, forged = new_id(), new_id()
    body = compact({"type": "order.paid", "data": {"n": 2}})
    headers = {**signed_headers(original, body), "Webhook-Id": forged}
    r = client.post(PATH, content=body, headers=headers)
    assert r.status_code == 401, (r.status_code, r.text)
    assert_not_stored(client, forged)


@pytest.mark.parametrize("header", ["Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"])
def test_missing_header_is_401(client, header):
    event_id = new_id()
    body = compact({"type": "order.paid", "data": {}})
    headers = {k: v for k, v in signed_headers(event_id, body).items() if k != header}
    r = client.post(PATH, content=body, headers=headers)
    assert r.status_code == 401, (r.status_code, r.text)
    assert_not_stored(client, event_id)


@pytest.mark.critical
def test_signature_covers_the_raw_bytes_not_reserialised_json(client):
    event_id = new_id()
    body = (
        '{\n  "data" :{"zeta": 1,   "alpha": "caf\u00e9 \u2713", "n": 1.50},\n'
        '  "type":"order.paid"\n}\n'
    ).encode()
    r = deliver(client, event_id, body)
    assert r.status_code == 200, (r.status_code, r.text)
    got = client.get(f"/events/{event_id}").json()
    assert got["data"] == json.loads(body)["data"]


def test_same_json_with_other_formatting_is_401(client):
    event_id = new_id()
    payload = {"type": "order.paid", "data": {"a": 1, "b": [1, 2]}}
    headers = signed_headers(event_id, compact(payload))
    r = client.post(PATH, content=json.dumps(payload, indent=2).encode(), headers=headers)
    assert r.status_code == 401, (r.status_code, r.text)
    assert_not_stored(client, event_id)


def test_any_matching_v1_signature_in_the_list_is_enough(client):
    event_id = new_id()
    body = compact({"type": "order.paid", "data": {"rotated": True}})
    ts = str(int(time.time()))
    old = signature(event_id, ts, body, secret="whsec_previous_secret_value_0001")
    good = signature(event_id, ts, body)
    headers = {
        "Content-Type": "application/json",
        "Webhook-Id": event_id,
        "Webhook-Timestamp": ts,
        "Webhook-Signature": f"v1,{old} v1,{good}",
    }
    r = client.post(PATH, content=body, headers=headers)
    assert r.status_code == 200, (r.status_code, r.text)


@pytest.mark.parametrize("form", ["v2", "empty", "bare"])
def test_signature_header_variants_are_rejected(client, form):
    event_id = new_id()
    body = compact({"type": "order.paid", "data": {}})
    ts = str(int(time.time()))
    good = signature(event_id, ts, body)
    value = {"v2": f"v2,{good}", "empty": "", "bare": good}[form]
    headers = {
        "Content-Type": "application/json",
        "Webhook-Id": event_id,
        "Webhook-Timestamp": ts,
        "Webhook-Signature": value,
    }
    r = client.post(PATH, content=body, headers=headers)
    assert r.status_code == 401, (r.status_code, r.text)
    assert_not_stored(client, event_id)
