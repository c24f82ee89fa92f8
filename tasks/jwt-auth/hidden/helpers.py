"""Shared helpers for the jwt-auth hidden tests (imported, never collected)."""

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import uuid
from dataclasses import dataclass

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
ACCESS_TTL = int(os.environ.get("ACCESS_TTL_SECONDS", "2"))
HASH_MARKERS = ("$argon2", "$2b$", "$2a$", "$2y$", "pbkdf2", "scrypt")


@dataclass(frozen=True)
class User:
    id: str
    email: str
    password: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.token)


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


def make_user(client: httpx.Client) -> User:
    email, password = new_email(), new_password()
    created = register(client, email, password)
    r = login(client, email, password)
    assert r.status_code == 200, (r.status_code, r.text)
    return User(
        id=str(created["id"]), email=email, password=password, token=r.json()["access_token"]
    )


def assert_401_bearer(r: httpx.Response) -> None:
    assert r.status_code == 401, (r.status_code, r.text)
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


def hs256(signing_input: str, key: bytes, digest=hashlib.sha256) -> str:
    return b64url(hmac.new(key, signing_input.encode(), digest).digest())


def sign(header: dict, payload: dict, key: bytes | None, digest=hashlib.sha256) -> str:
    """A compact JWS; `key=None` gives an empty signature (for alg none)."""
    signing_input = f"{b64url_json(header)}.{b64url_json(payload)}"
    if key is None:
        return signing_input + "."
    return f"{signing_input}.{hs256(signing_input, key, digest)}"


def burst(method: str, path: str, requests_kwargs: list[dict]) -> list[httpx.Response]:
    """Send one request per kwargs dict at the same moment, each from its own thread."""
    barrier = threading.Barrier(len(requests_kwargs))
    results: list[object] = [None] * len(requests_kwargs)

    def send(i: int) -> None:
        with httpx.Client(base_url=BASE_URL, timeout=60) as c:
            c.get("/healthz")  # open the connection first so the requests leave together
            barrier.wait()
            try:
                results[i] = c.request(method, path, **requests_kwargs[i])
            except httpx.HTTPError as e:
                results[i] = e

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests_kwargs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [r for r in results if not isinstance(r, httpx.Response)]
    assert not errors, errors
    return results  # type: ignore[return-value]
