"""Shared helpers for the multi-tenant-projects hidden tests (imported, never collected)."""

import secrets
import uuid
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class User:
    id: str  # str() of the id, for comparisons with other ids collected as str
    email: str
    tenant_id: str
    role: str
    token: str
    raw_id: object  # the id exactly as the service returned it, to send back in request bodies

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def new_email() -> str:
    return f"user-{uuid.uuid4().hex[:12]}@example.com"


def new_password() -> str:
    return "pw-" + secrets.token_urlsafe(12)


def login(client: httpx.Client, email: str, password: str) -> str:
    r = client.post("/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()["access_token"]


def new_tenant(client: httpx.Client, name: str | None = None) -> User:
    """A fresh tenant; returns its first admin, logged in."""
    email, password = new_email(), new_password()
    body = {
        "name": name or f"tenant-{uuid.uuid4().hex[:8]}",
        "admin_email": email,
        "admin_password": password,
    }
    r = client.post("/tenants", json=body)
    assert r.status_code == 201, (r.status_code, r.text)
    data = r.json()
    assert data["admin"]["role"] == "admin"
    tenant_id = str(data["tenant"]["id"])
    token = login(client, email, password)
    admin_id = data["admin"]["id"]
    return User(str(admin_id), email, tenant_id, "admin", token, admin_id)


def add_user(client: httpx.Client, admin: User, role: str = "member") -> User:
    email, password = new_email(), new_password()
    r = client.post(
        "/users", json={"email": email, "password": password, "role": role}, headers=admin.headers
    )
    assert r.status_code == 201, (r.status_code, r.text)
    user_id = r.json()["id"]
    token = login(client, email, password)
    return User(str(user_id), email, admin.tenant_id, role, token, user_id)


def create_project(client: httpx.Client, user: User, **fields) -> dict:
    body = {"name": f"proj-{uuid.uuid4().hex[:8]}", "description": "", **fields}
    r = client.post("/projects", json=body, headers=user.headers)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def create_task(client: httpx.Client, user: User, project_id: str, **fields) -> dict:
    body = {"title": f"task-{uuid.uuid4().hex[:8]}", **fields}
    r = client.post(f"/projects/{project_id}/tasks", json=body, headers=user.headers)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def canary() -> str:
    return f"CANARY{uuid.uuid4().hex}"


def ids(items: list[dict]) -> set[str]:
    return {str(i["id"]) for i in items}
