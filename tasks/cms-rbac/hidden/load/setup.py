"""Load-probe setup: an author with 30 articles, 20 of them published (by the bootstrap admin),
and a viewer; the mix reads published articles as the viewer and lets the author write."""

import os
import uuid

import httpx

PASSWORD = "load-Pass-123"


def _token(c: httpx.Client, email: str, password: str) -> str:
    r = c.post("/auth/token", data={"username": email, "password": password})
    return str(r.raise_for_status().json()["access_token"])


def _user(c: httpx.Client, boss: dict[str, str], role: str) -> str:
    email = f"load-{role}-{uuid.uuid4().hex[:10]}@example.com"
    r = c.post("/auth/register", json={"email": email, "password": PASSWORD}).raise_for_status()
    if role != "viewer":
        path = f"/users/{r.json()['id']}/role"
        c.put(path, json={"role": role}, headers=boss).raise_for_status()
    return _token(c, email, PASSWORD)


def setup(base_url: str) -> dict[str, object]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        admin = _token(c, os.environ["ADMIN_EMAIL"], os.environ["ADMIN_PASSWORD"])
        boss = {"Authorization": f"Bearer {admin}"}
        author, viewer = _user(c, boss, "author"), _user(c, boss, "viewer")
        mine = {"Authorization": f"Bearer {author}"}
        published = []
        for i in range(30):
            body = {"title": f"load article {i}", "body": "lorem ipsum " * 40}
            article = c.post("/articles", json=body, headers=mine).raise_for_status().json()
            if i < 20:
                path = f"/articles/{article['id']}/transition"
                c.post(path, json={"to": "review"}, headers=mine).raise_for_status()
                c.post(path, json={"to": "published"}, headers=boss).raise_for_status()
                published.append(article["id"])
    return {"author": author, "viewer": viewer, "article": published}
