"""Load-probe setup: one user with 40 notes. Access tokens live only ACCESS_TTL_SECONDS (2 s in
grading), so the setup mints a one-hour token exactly as the prompt specifies it (HS256 with
APP_SECRET, claims sub/iat/exp)."""

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


def _mint(sub: str) -> str:
    now = int(time.time())
    head = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = _b64(json.dumps({"sub": sub, "iat": now, "exp": now + 3600}).encode())
    key = os.environ["APP_SECRET"].encode()
    sig = hmac.new(key, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(sig)}"


def setup(base_url: str) -> dict[str, object]:
    email = f"load-{uuid.uuid4().hex[:10]}@example.com"
    with httpx.Client(base_url=base_url, timeout=30) as c:
        created = c.post("/auth/register", json={"email": email, "password": "load-Pass-123"})
        token = _mint(str(created.raise_for_status().json()["id"]))
        auth = {"Authorization": f"Bearer {token}"}
        notes = []
        for i in range(40):
            body = {"title": f"note {i}", "body": "lorem ipsum " * 20}
            notes.append(c.post("/notes", json=body, headers=auth).raise_for_status().json()["id"])
    return {"token": token, "note": notes}
