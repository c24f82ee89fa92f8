"""Verification of the Webhook-Id / Webhook-Timestamp / Webhook-Signature headers."""

import base64
import hashlib
import hmac
import os
import re
import time

from fastapi import HTTPException

_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")


def _secret() -> bytes:
    secret = os.environ.get("WEBHOOK_SECRET", "")
    if not secret:
        raise RuntimeError("WEBHOOK_SECRET is not set")
    return secret.encode()


def tolerance_seconds() -> int:
    return int(os.environ.get("WEBHOOK_TOLERANCE_SECONDS", "300"))


def expected_signature(event_id: str, timestamp: str, body: bytes) -> str:
    signed = f"{event_id}.{timestamp}.".encode() + body
    return base64.b64encode(hmac.new(_secret(), signed, hashlib.sha256).digest()).decode()


def _reject(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail)


def verify(event_id: str | None, timestamp: str | None, signature: str | None, body: bytes) -> int:
    """Check headers, freshness and signature over the raw body; returns the timestamp."""
    if not event_id or not timestamp or not signature:
        raise _reject("missing webhook headers")
    if len(event_id) > 200 or not _TIMESTAMP.match(timestamp):
        raise _reject("malformed webhook headers")
    sent_at = int(timestamp)
    if abs(time.time() - sent_at) > tolerance_seconds():
        raise _reject("timestamp outside the tolerance window")
    expected = expected_signature(event_id, timestamp, body)
    version, _, value = signature.split()[0].partition(",") if signature.split() else ("", "", "")
    if version in ("v1", "") and hmac.compare_digest(value.encode(), expected.encode()):
        return sent_at
    raise _reject("no valid signature")
