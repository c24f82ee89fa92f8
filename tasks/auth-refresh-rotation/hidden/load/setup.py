"""Load-probe setup: one logged-in session. Access tokens live only ACCESS_TTL_SECONDS (2 s in
grading), so the setup re-mints the session's access token with a one-hour expiry exactly as the
prompt specifies it (HS256 with APP_SECRET; same sub and sid, so the session stays the same)."""

import base64
import hashlib
import hmac
import json
import os
import time
import uuid

import httpx


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(token: str) -> dict[str, object]:
    part = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))))


def _mint(claims: dict[str, object]) -> str:
    now = int(time.time())
    head = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = _b64(json.dumps({**claims, "iat": now, "exp": now + 3600}).encode())
    key = os.environ["APP_SECRET"].encode()
    sig = hmac.new(key, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(sig)}"


def setup(base_url: str) -> dict[str, object]:
    email = f"load-{uuid.uuid4().hex[:10]}@example.com"
    with httpx.Client(base_url=base_url, timeout=30) as c:
        c.post(
            "/auth/register", json={"email": email, "password": "load-Pass-123"}
        ).raise_for_status()
        r = c.post("/auth/token", data={"username": email, "password": "load-Pass-123"})
        pair = r.raise_for_status().json()
    return {"token": _mint(_claims(pair["access_token"]))}
