"""Task-specific probe: the WebSocket refuses forged, tampered and expired tokens (the generic
SP-AUTHN probe covers the HTTP history endpoint)."""

import asyncio
import base64
import hashlib
import hmac
import json
import os
import sys
import time

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import WS_URL, login, new_room, new_user, run  # noqa: E402


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _hs256(payload: dict, key: bytes) -> str:
    signing = f"{_b64(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())}.{_b64(json.dumps(payload).encode())}"
    return f"{signing}.{_b64(hmac.new(key, signing.encode(), hashlib.sha256).digest())}"


def _forged(variant: str) -> str:
    now = int(time.time())
    claims = {"sub": new_user(), "iat": now, "exp": now + 600}
    if variant == "alg-none":
        head = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
        return f"{head}.{_b64(json.dumps(claims).encode())}."
    if variant == "wrong-key":
        return _hs256(claims, b"not-the-app-secret")
    if variant == "tampered":
        head, _, sig = login(new_user()).split(".")
        return f"{head}.{_b64(json.dumps(claims).encode())}.{sig}"
    if variant == "expired":
        secret = os.environ.get("APP_SECRET", "").encode()
        return _hs256({**claims, "iat": now - 7200, "exp": now - 3600}, secret)
    raise AssertionError(variant)


async def _joined(url: str) -> bool:
    """True if the service let the socket join the room."""
    try:
        ws = await connect(url, open_timeout=30)
    except InvalidStatus:
        return False
    try:
        while True:
            frame = await asyncio.wait_for(ws.recv(), timeout=10)
            if '"joined"' in frame or '"message"' in frame:
                return True
    except (ConnectionClosed, TimeoutError):
        return False
    finally:
        await ws.close()


@pytest.mark.probe("TS-ws-forged-token", cwe=287, critical=True)
@pytest.mark.parametrize("variant", ["alg-none", "wrong-key", "tampered", "expired"])
def test_socket_refuses_forged_tokens(variant):
    token = _forged(variant)
    assert not run(_joined(f"{WS_URL}/ws/rooms/{new_room()}?token={token}")), (
        f"a {variant} token joined a room"
    )
