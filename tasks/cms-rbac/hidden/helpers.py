"""Shared helpers for the cms-rbac hidden tests (imported, never collected)."""

import os
import secrets
import uuid
from dataclasses import dataclass

import httpx

ADMIN_EMAIL = os.environ.get("ADMIN_EMAIL", "root-admin@cms.example.com")
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "Adm1n-bootstrap-pass!")


@dataclass(frozen=True)
class User:
    id: str
    email: str
    password: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def new_email() -> str:
    return f"user-{uuid.uuid4().hex[:12]}@example.com"


def token_for(client: httpx.Client, email: str, password: str) -> str:
    r = client.post("/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()["access_token"]


_ADMIN: list[User] = []
_POOL: dict[str, list[User]] = {}


def admin(client: httpx.Client) -> User:
    """The bootstrap admin (logged in once per test session)."""
    if not _ADMIN:
        token = token_for(client, ADMIN_EMAIL, ADMIN_PASSWORD)
        me = client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 200, me.text
        _ADMIN.append(User(str(me.json()["id"]), ADMIN_EMAIL, ADMIN_PASSWORD, token))
    return _ADMIN[0]


def set_role(client: httpx.Client, by: User, user_id: str, role: str) -> httpx.Response:
    return client.put(f"/users/{user_id}/role", json={"role": role}, headers=by.headers)


def make_user(client: httpx.Client, role: str = "viewer", boss: User | None = None) -> User:
    email, password = new_email(), "pw-" + secrets.token_urlsafe(12)
    r = client.post("/auth/register", json={"email": email, "password": password})
    assert r.status_code == 201, (r.status_code, r.text)
    user_id = str(r.json()["id"])
    if role != "viewer":
        r = set_role(client, boss or admin(client), user_id, role)
        assert r.status_code == 200, (r.status_code, r.text)
    return User(user_id, email, password, token_for(client, email, password))


def team(client: httpx.Client, *roles: str) -> list[User]:
    """Users with the given roles, reused across tests (never mutate their roles: make_user)."""
    boss = admin(client)
    members, used = [], {}
    for role in roles:
        if role == "admin":
            members.append(boss)
            continue
        pool = _POOL.setdefault(role, [])
        n = used[role] = used.get(role, 0) + 1
        while len(pool) < n:
            pool.append(make_user(client, role, boss))
        members.append(pool[n - 1])
    return members


def create_article(client: httpx.Client, by: User, **fields) -> dict:
    body = {"title": f"title {uuid.uuid4().hex[:8]}", "body": "text", **fields}
    r = client.post("/articles", json=body, headers=by.headers)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def move(client: httpx.Client, by: User, article_id: str, to: str) -> httpx.Response:
    return client.post(f"/articles/{article_id}/transition", json={"to": to}, headers=by.headers)


def article_in_status(client: httpx.Client, author: User, editor: User, status: str) -> dict:
    article = create_article(client, author)
    if status in ("review", "published"):
        assert move(client, author, article["id"], "review").status_code == 200
    if status == "published":
        assert move(client, editor, article["id"], "published").status_code == 200
    return {**article, "status": status}


def ids(response: httpx.Response) -> set[str]:
    assert response.status_code == 200, (response.status_code, response.text)
    return {str(a["id"]) for a in response.json()}
