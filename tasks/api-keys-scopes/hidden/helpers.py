"""Shared helpers for the api-keys-scopes hidden tests (imported, never collected)."""

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

READ, WRITE = "read:items", "write:items"


@dataclass(frozen=True)
class User:
    id: str
    email: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def make_user(client: httpx.Client) -> User:
    email, password = f"user-{uuid.uuid4().hex[:12]}@example.com", "pw-" + secrets.token_urlsafe(12)
    r = client.post("/auth/register", json={"email": email, "password": password})
    assert r.status_code == 201, (r.status_code, r.text)
    user_id = str(r.json()["id"])
    r = client.post("/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200, (r.status_code, r.text)
    return User(user_id, email, r.json()["access_token"])


def create_key(client: httpx.Client, user: User, *scopes: str, name: str | None = None) -> dict:
    body = {"name": name or f"key-{uuid.uuid4().hex[:6]}", "scopes": list(scopes)}
    r = client.post("/api-keys", json=body, headers=user.headers)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def with_key(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def create_item(client: httpx.Client, key: str, name: str | None = None) -> dict:
    r = client.post(
        "/items",
        json={"name": name or f"item-{uuid.uuid4().hex[:6]}", "quantity": 3},
        headers=with_key(key),
    )
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def listed_keys(client: httpx.Client, user: User) -> list[dict]:
    r = client.get("/api-keys", headers=user.headers)
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def parse_time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
