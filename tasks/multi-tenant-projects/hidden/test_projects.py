"""Projects and tasks inside one tenant: CRUD, per-tenant unique names, admin-only delete."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import add_user, create_project, create_task, ids, new_tenant


@pytest.mark.critical
def test_members_share_their_tenants_projects_and_tasks(client):
    admin = new_tenant(client)
    member = add_user(client, admin)
    project = create_project(client, member, description="roadmap")
    task = create_task(client, admin, project["id"], status="doing")
    assert task["status"] == "doing" and str(task["project_id"]) == str(project["id"])
    assert task["assignee_id"] is None
    assert str(project["id"]) in ids(client.get("/projects", headers=admin.headers).json())
    listed = client.get(f"/projects/{project['id']}/tasks", headers=member.headers)
    assert listed.status_code == 200 and ids(listed.json()) == {str(task["id"])}
    r = client.patch(f"/tasks/{task['id']}", json={"status": "done"}, headers=member.headers)
    assert r.status_code == 200 and r.json()["status"] == "done"
    r = client.patch(
        f"/projects/{project['id']}", json={"description": "v2"}, headers=member.headers
    )
    assert r.status_code == 200 and r.json()["description"] == "v2"


@pytest.mark.critical
def test_project_names_are_unique_per_tenant_only(client):
    first, second = new_tenant(client), new_tenant(client)
    name = f"Website {uuid.uuid4().hex[:6]}"
    create_project(client, first, name=name)
    r = client.post("/projects", json={"name": name}, headers=first.headers)
    assert r.status_code == 409, (r.status_code, r.text)
    r = client.post("/projects", json={"name": name}, headers=second.headers)
    assert r.status_code == 201, (r.status_code, r.text)


@pytest.mark.critical
def test_only_admins_delete_projects(client):
    admin = new_tenant(client)
    member = add_user(client, admin)
    project = create_project(client, member)
    task = create_task(client, member, project["id"])
    r = client.delete(f"/projects/{project['id']}", headers=member.headers)
    assert r.status_code == 403, (r.status_code, r.text)
    assert client.get(f"/projects/{project['id']}", headers=member.headers).status_code == 200
    assert client.delete(f"/projects/{project['id']}", headers=admin.headers).status_code == 204
    assert client.get(f"/projects/{project['id']}", headers=admin.headers).status_code == 404
    assert client.get(f"/tasks/{task['id']}", headers=admin.headers).status_code == 404


def test_task_delete_and_validation(client):
    admin = new_tenant(client)
    project = create_project(client, admin)
    task = create_task(client, admin, project["id"])
    for body in ({"title": ""}, {"title": "x", "status": "blocked"}):
        r = client.post(f"/projects/{project['id']}/tasks", json=body, headers=admin.headers)
        assert r.status_code in (400, 422), (body, r.status_code)
    assert client.delete(f"/tasks/{task['id']}", headers=admin.headers).status_code == 204
    assert client.get(f"/tasks/{task['id']}", headers=admin.headers).status_code == 404


def test_search_finds_projects_and_tasks(client):
    admin = new_tenant(client)
    word = uuid.uuid4().hex[:10]
    project = create_project(client, admin, name=f"Alpha {word.upper()}")
    task = create_task(client, admin, project["id"], title=f"fix {word} bug")
    r = client.get("/search", params={"q": word}, headers=admin.headers)
    assert r.status_code == 200
    assert ids(r.json()["projects"]) == {str(project["id"])}
    assert ids(r.json()["tasks"]) == {str(task["id"])}


def test_requests_need_a_token(client):
    for path in ("/projects", "/users", "/users/me", "/search?q=x"):
        assert client.get(path).status_code == 401, path
