"""Load-probe setup: a tenant admin with 10 projects of 3 tasks each; the mix reads projects and
tasks, searches, and creates tasks."""

import uuid

import httpx


def setup(base_url: str) -> dict[str, object]:
    email = f"load-{uuid.uuid4().hex[:10]}@example.com"
    with httpx.Client(base_url=base_url, timeout=30) as c:
        body = {
            "name": f"load-{uuid.uuid4().hex[:8]}",
            "admin_email": email,
            "admin_password": "load-Pass-123",
        }
        c.post("/tenants", json=body).raise_for_status()
        r = c.post("/auth/token", data={"username": email, "password": "load-Pass-123"})
        token = str(r.raise_for_status().json()["access_token"])
        auth = {"Authorization": f"Bearer {token}"}
        words = ["alpha", "bravo", "charlie", "delta", "echo"]
        projects, tasks = [], []
        for i in range(10):
            p = {"name": f"{words[i % 5]} project {i}", "description": "lorem ipsum " * 20}
            pid = c.post("/projects", json=p, headers=auth).raise_for_status().json()["id"]
            projects.append(pid)
            for j in range(3):
                t = {"title": f"{words[j]} task {i}.{j}"}
                r = c.post(f"/projects/{pid}/tasks", json=t, headers=auth).raise_for_status()
                tasks.append(r.json()["id"])
    return {"token": token, "project": projects, "task": tasks, "word": words}
