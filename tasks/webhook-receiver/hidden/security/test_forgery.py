"""Task-specific probes: an event that is not signed with WEBHOOK_SECRET, or a captured signed
request replayed after the tolerance window, is never processed."""

import sys
import time
import uuid

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import (  # noqa: E402
    PATH,
    TOLERANCE,
    compact,
    counter_event,
    counter_value,
    signed_headers,
)


def _forged(variant: str, event_id: str, body: bytes) -> dict[str, str]:
    headers = signed_headers(event_id, body)
    if variant == "missing-signature":
        del headers["Webhook-Signature"]
    elif variant == "empty-signature":
        headers["Webhook-Signature"] = ""
    elif variant == "wrong-secret":
        headers = signed_headers(event_id, body, secret="whsec_" + uuid.uuid4().hex)
    elif variant == "tampered-body":
        headers = signed_headers(event_id, counter_event("other", 1))
    elif variant == "other-id":
        headers = signed_headers(f"evt_{uuid.uuid4().hex}", body)
        headers["Webhook-Id"] = event_id
    return headers


@pytest.mark.probe("TS-forged-signature", cwe=347, critical=True)
@pytest.mark.parametrize(
    "variant", ["missing-signature", "empty-signature", "wrong-secret", "tampered-body", "other-id"]
)
def test_unauthenticated_event_is_not_processed(client, variant):
    counter = f"probe-{uuid.uuid4().hex}"
    event_id = f"evt_{uuid.uuid4().hex}"
    body = counter_event(counter, 1000)
    r = client.post(PATH, content=body, headers=_forged(variant, event_id, body))
    assert r.status_code == 401, f"{variant}: answered {r.status_code}"
    assert counter_value(client, counter) == 0, f"{variant}: the forged event was applied"


@pytest.mark.probe("TS-replay-captured-request", cwe=294, critical=False)
def test_captured_request_replayed_later_is_rejected(client):
    event_id = f"evt_{uuid.uuid4().hex}"
    body = compact({"type": "order.paid", "data": {"probe": event_id}})
    captured = int(time.time()) - TOLERANCE - 600
    headers = signed_headers(event_id, body, timestamp=captured)
    r = client.post(PATH, content=body, headers=headers)
    assert r.status_code == 401, f"a request signed {TOLERANCE + 600} s ago answered {r.status_code}"
    assert client.get(f"/events/{event_id}").status_code == 404, "the replayed event was stored"
