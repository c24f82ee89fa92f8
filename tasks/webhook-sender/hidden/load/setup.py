"""Load-probe setup: subscriptions and events whose type no subscription matches (so the load
creates no outbound deliveries); the mix reads subscriptions and delivery logs and publishes."""

import os
import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    sink = os.environ.get("WEBHOOK_SINK_BASE_URL", "http://prober:9100").rstrip("/")
    subs: list[str] = []
    events: list[str] = []
    with httpx.Client(base_url=base_url, timeout=30) as c:
        for i in range(10):
            body = {
                "url": f"{sink}/load/{tag}/{i}",
                "event_types": [f"load.subscribed-{tag}-{i}"],
                "secret": f"whsec_load_{uuid.uuid4().hex}",
            }
            subs.append(c.post("/subscriptions", json=body).raise_for_status().json()["id"])
        for i in range(10):
            body = {"type": f"load.unmatched-{tag}", "data": {"i": i}}
            events.append(c.post("/events", json=body).raise_for_status().json()["id"])
    return {"sub": subs, "event": events, "etype": f"load.unmatched-{tag}"}
