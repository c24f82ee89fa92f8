"""Shared helpers for the doc-sharing-abac hidden tests (imported, never collected)."""

import secrets
import uuid
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class User:
    id: str
    email: str
    department: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def new_department() -> str:
    return f"dept-{uuid.uuid4().hex[:8]}"


def make_user(client: httpx.Client, department: str | None = None) -> User:
    email, password = f"user-{uuid.uuid4().hex[:12]}@example.com", "pw-" + secrets.token_urlsafe(12)
    department = department or new_department()
    body = {"email": email, "password": password, "department": department}
    r = client.post("/auth/register", json=body)
    assert r.status_code == 201, (r.status_code, r.text)
    user_id = str(r.json()["id"])
    r = client.post("/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200, (r.status_code, r.text)
    return User(user_id, email, department, r.json()["access_token"])


def create_doc(client: httpx.Client, owner: User, **fields) -> dict:
    body = {"title": f"doc {uuid.uuid4().hex[:8]}", "content": "text", **fields}
    r = client.post("/documents", json=body, headers=owner.headers)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def share(client: httpx.Client, by: User, doc_id: str, to: User, role: str) -> httpx.Response:
    return client.post(
        f"/documents/{doc_id}/shares", json={"email": to.email, "role": role}, headers=by.headers
    )


def set_link(client: httpx.Client, by: User, doc_id: str, enabled: bool) -> httpx.Response:
    return client.put(f"/documents/{doc_id}/link", json={"enabled": enabled}, headers=by.headers)


def listed_ids(client: httpx.Client, user: User, q: str | None = None) -> set[str]:
    r = client.get("/documents", params={"q": q} if q else None, headers=user.headers)
    assert r.status_code == 200, (r.status_code, r.text)
    return {str(d["id"]) for d in r.json()}


def canary() -> str:
    return f"CANARY{uuid.uuid4().hex}"
