"""Shared helpers for the harden-service hidden tests (imported, never collected)."""

import base64
import hashlib
import hmac
import json
import os
import secrets
import uuid
from dataclasses import dataclass

import httpx

ADMIN_USERNAME = os.environ.get("ADMIN_USERNAME", "ops_admin")
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "")
APP_SECRET = os.environ.get("APP_SECRET", "")
LEAK_MARKERS = ("Traceback", 'File "/', "sqlalchemy", "sqlite3", "OperationalError")
HASH_MARKERS = ("$argon2", "$2b$", "$2a$", "$2y$", "pbkdf2", "scrypt")


@dataclass(frozen=True)
class Account:
    id: int | str
    username: str
    password: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def new_username() -> str:
    return f"u_{uuid.uuid4().hex[:12]}"


def login(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/auth/login", json={"username": username, "password": password})


def make_account(client: httpx.Client, **extra: object) -> Account:
    username, password = new_username(), "pw-" + secrets.token_urlsafe(12)
    r = client.post("/users", json={"username": username, "password": password, **extra})
    assert r.status_code == 201, (r.status_code, r.text)
    r2 = login(client, username, password)
    assert r2.status_code == 200, (r2.status_code, r2.text)
    return Account(r.json()["id"], username, password, r2.json()["access_token"])


_SHARED: list[Account] = []


def shared_accounts(client: httpx.Client) -> tuple[Account, Account]:
    """Two accounts reused across tests (password hashing is deliberately slow); tests that use
    them plant fresh canaries, so sharing them is harmless."""
    while len(_SHARED) < 2:
        _SHARED.append(make_account(client))
    return _SHARED[0], _SHARED[1]


def admin_headers(client: httpx.Client) -> dict[str, str]:
    r = login(client, ADMIN_USERNAME, ADMIN_PASSWORD)
    assert r.status_code == 200, (r.status_code, r.text)
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def create_note(client: httpx.Client, who: Account, title: str, body: str = "") -> dict:
    r = client.post("/notes", json={"title": title, "body": body}, headers=who.headers)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def b64url_json(value: dict) -> str:
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def forge(header: dict, claims: dict, key: bytes | None) -> str:
    signing_input = f"{b64url_json(header)}.{b64url_json(claims)}"
    if key is None:
        return signing_input + "."
    sig = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + base64.urlsafe_b64encode(sig).rstrip(b"=").decode()


def no_internals(r: httpx.Response) -> None:
    leaked = [m for m in LEAK_MARKERS if m in r.text]
    assert not leaked, (r.status_code, leaked, r.text[:300])
