"""Shared helpers for the auth-refresh-rotation hidden tests (imported, never collected)."""

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
import uuid
from dataclasses import dataclass

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
ACCESS_TTL = int(os.environ.get("ACCESS_TTL_SECONDS", "2"))
REFRESH_TTL = int(os.environ.get("REFRESH_TTL_SECONDS", "6"))
HASH_MARKERS = ("$argon2", "$2b$", "$2a$", "$2y$", "pbkdf2", "scrypt")


@dataclass(frozen=True)
class Login:
    id: str
    email: str
    password: str
    access: str
    refresh: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.access)


def new_email() -> str:
    return f"user-{uuid.uuid4().hex[:12]}@example.com"


def new_password() -> str:
    return "pw-" + secrets.token_urlsafe(12)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def register(client: httpx.Client, email: str, password: str) -> dict:
    r = client.post("/auth/register", json={"email": email, "password": password})
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def login(client: httpx.Client, email: str, password: str) -> httpx.Response:
    return client.post("/auth/token", data={"username": email, "password": password})


def login_ok(client: httpx.Client, user_id: str, email: str, password: str) -> Login:
    r = login(client, email, password)
    assert r.status_code == 200, (r.status_code, r.text)
    body = r.json()
    return Login(user_id, email, password, body["access_token"], body["refresh_token"])


def make_user(client: httpx.Client) -> Login:
    email, password = new_email(), new_password()
    created = register(client, email, password)
    return login_ok(client, str(created["id"]), email, password)


def refresh(client: httpx.Client, token: str) -> httpx.Response:
    return client.post("/auth/refresh", json={"refresh_token": token})


def me(client: httpx.Client, access: str) -> httpx.Response:
    return client.get("/users/me", headers=bearer(access))


def extended(access: str) -> str:
    """The same access token re-signed with APP_SECRET to live 60 s more (same sub and sid).

    ACCESS_TTL_SECONDS is 2, so on a stalled machine a real token can expire between two requests;
    checks about *revocation* use this copy so that only the session state can make them fail.
    """
    secret = os.environ.get("APP_SECRET")
    if not secret:
        return access
    header, payload, _ = jwt_parts(access)
    now = int(time.time())
    return sign(header, {**payload, "iat": now, "exp": now + 60}, secret.encode())


def me_live(client: httpx.Client, access: str) -> httpx.Response:
    """GET /users/me with a token that should work; retried with `extended` if it just expired."""
    r = me(client, access)
    if r.status_code == 401 and time.time() >= jwt_parts(access)[1].get("exp", 0) - 1:
        r = me(client, extended(access))
    return r


def assert_401(r: httpx.Response) -> None:
    assert r.status_code == 401, (r.status_code, r.text)
    assert "access_token" not in r.text


def assert_401_bearer(r: httpx.Response) -> None:
    assert_401(r)
    challenge = r.headers.get("www-authenticate", "")
    assert challenge.lower().startswith("bearer"), f"WWW-Authenticate is {challenge!r}"


def assert_no_secrets(r: httpx.Response, password: str) -> None:
    """The body never carries the password, a password hash or a password-like field."""
    text = r.text
    assert password not in text
    assert not any(marker in text for marker in HASH_MARKERS), text

    def keys(value: object) -> list[str]:
        if isinstance(value, dict):
            return [k.lower() for k in value] + [k for v in value.values() for k in keys(v)]
        if isinstance(value, list):
            return [k for v in value for k in keys(v)]
        return []

    if text:
        assert not [k for k in keys(r.json()) if "password" in k or "hash" in k], text


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_json(value: dict) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def unb64url(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def jwt_parts(token: str) -> tuple[dict, dict, str]:
    header, payload, signature = token.split(".")
    return json.loads(unb64url(header)), json.loads(unb64url(payload)), signature


def sign(header: dict, payload: dict, key: bytes | None, digest=hashlib.sha256) -> str:
    """A compact JWS; `key=None` gives an empty signature (for alg none)."""
    signing_input = f"{b64url_json(header)}.{b64url_json(payload)}"
    if key is None:
        return signing_input + "."
    mac = hmac.new(key, signing_input.encode(), digest).digest()
    return f"{signing_input}.{b64url(mac)}"


def burst(method: str, path: str, make_kwargs) -> list[httpx.Response]:
    """Send one request per kwargs dict at the same moment, each from its own thread.

    All connections are opened first; only then is `make_kwargs()` called (so tokens it mints are
    fresh when the requests leave), and the requests are released together.
    """
    n = 8
    ready, go = threading.Barrier(n + 1), threading.Barrier(n + 1)
    shared: list[list[dict]] = []
    results: list[object] = [None] * n

    def send(i: int) -> None:
        with httpx.Client(base_url=BASE_URL, timeout=60) as c:
            c.get("/healthz")  # open the connection first so the requests leave together
            ready.wait()
            go.wait()
            try:
                results[i] = c.request(method, path, **shared[0][i])
            except httpx.HTTPError as e:
                results[i] = e

    threads = [threading.Thread(target=send, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    ready.wait()
    try:
        kwargs = make_kwargs()
        assert len(kwargs) == n
        shared.append(kwargs)
    finally:
        go.wait()  # never leave the threads hanging
    for t in threads:
        t.join()
    errors = [r for r in results if not isinstance(r, httpx.Response)]
    assert not errors, errors
    return results  # type: ignore[return-value]
