"""Task-specific probe: security notices cannot be switched off through the opt-out list."""

import uuid

import pytest


@pytest.mark.probe("TS-security-opt-out", cwe=693, critical=False)
@pytest.mark.parametrize(
    "opted_out", [["security"], ["marketing", "security"], ["security", "security"]],
    ids=["alone", "with-another", "twice"],
)
def test_security_category_cannot_be_opted_out(client, opted_out):
    user = f"sec-{uuid.uuid4().hex[:12]}"
    body = {"channels": {"email": True, "sms": False, "push": True}, "opted_out": opted_out}
    r = client.put(f"/users/{user}/preferences", json=body)
    assert r.status_code == 422, f"opting out of security answered {r.status_code}"
    d = client.post(
        f"/users/{user}/decisions",
        json={"category": "security", "channel": "email", "at": "2026-01-05T12:00:00+00:00"},
    )
    assert d.status_code == 200 and d.json().get("deliver") is True, d.text[:200]
