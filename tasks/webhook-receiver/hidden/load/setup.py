"""Load-probe setup: 20 processed events to read back, and one pre-signed delivery that the mix
re-posts (each repeat is a verified duplicate). The body below must equal the mix's JSON body as
the load generator serialises it (json.dumps with default separators)."""

import base64
import hashlib
import hmac
import json
import os
import time
import uuid

import httpx

PING = {"type": "load.ping", "data": {"n": 1}}


def _headers(event_id: str, body: bytes) -> dict[str, str]:
    ts = str(int(time.time()))
    signed = f"{event_id}.{ts}.".encode() + body
    mac = hmac.new(os.environ["WEBHOOK_SECRET"].encode(), signed, hashlib.sha256).digest()
    return {
        "Content-Type": "application/json",
        "Webhook-Id": event_id,
        "Webhook-Timestamp": ts,
        "Webhook-Signature": "v1," + base64.b64encode(mac).decode(),
    }


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    counters = [f"load-{tag}-{i}" for i in range(5)]
    events: list[str] = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(20):
            event_id = f"evt_load_{tag}_{i}"
            body = json.dumps(
                {"type": "counter.incremented", "data": {"counter": counters[i % 5], "amount": 1}}
            ).encode()
            c.post("/webhooks/inbound", content=body, headers=_headers(event_id, body))
            events.append(event_id)
        ping_id = f"evt_load_{tag}_ping"
        ping = _headers(ping_id, json.dumps(PING).encode())
        c.post("/webhooks/inbound", content=json.dumps(PING).encode(), headers=ping)
    return {
        "event": events,
        "counter": counters,
        "ping_id": ping_id,
        "ping_ts": ping["Webhook-Timestamp"],
        "ping_sig": ping["Webhook-Signature"],
    }
