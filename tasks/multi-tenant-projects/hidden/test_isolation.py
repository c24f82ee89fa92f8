"""Every route is scoped to the caller's tenant: foreign ids are 404, canaries never leak."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import add_user, canary, create_project, create_task, ids, new_tenant


def _victim_data(client):
    victim = new_tenant(client)
    secret = canary()
    project = create_project(client, victim, name=f"p-{secret}", description=f"d {secret}")
    task = create_task(client, victim, project["id"], title=f"t {secret}")
    return victim, secret, project, task


@pytest.mark.critical
def test_foreign_project_is_404_everywhere(client):
    _, secret, project, _ = _victim_data(client)
    attacker = new_tenant(client)
    url = f"/projects/{project['id']}"
    for r in (
        client.get(url, headers=attacker.headers),
        client.patch(url, json={"name": "pwned"}, headers=attacker.headers),
        client.delete(url, headers=attacker.headers),
        client.get(f"{url}/tasks", headers=attacker.headers),
        client.post(f"{url}/tasks", json={"title": "planted"}, headers=attacker.headers),
    ):
        assert r.status_code == 404, (r.request.method, r.request.url, r.status_code, r.text)
        assert secret not in r.text
    listed = client.get("/projects", headers=attacker.headers)
    assert listed.status_code == 200 and secret not in listed.text


@pytest.mark.critical
def test_foreign_task_is_404_everywhere(client):
    victim, secret, project, task = _victim_data(client)
    attacker = new_tenant(client)
    url = f"/tasks/{task['id']}"
    for r in (
        client.get(url, headers=attacker.headers),
        client.patch(url, json={"status": "done"}, headers=attacker.headers),
        client.delete(url, headers=attacker.headers),
    ):
        assert r.status_code == 404, (r.request.method, r.status_code, r.text)
        assert secret not in r.text
    still = client.get(url, headers=victim.headers)
    assert still.status_code == 200 and still.json()["status"] == "todo"


@pytest.mark.critical
def test_search_is_tenant_scoped(client):
    _, secret, _, _ = _victim_data(client)
    attacker = new_tenant(client)
    mine = create_project(client, attacker, name="my project", description="harmless")
    for q in (secret, secret[:16], "CANARY", "t ", "p-"):
        r = client.get("/search", params={"q": q}, headers=attacker.headers)
        assert r.status_code == 200, r.text
        assert secret not in r.text, q
    r = client.get("/search", params={"q": "harmless"}, headers=attacker.headers)
    assert ids(r.json()["projects"]) == {str(mine["id"])} and r.json()["tasks"] == []


@pytest.mark.critical
def test_tenant_id_in_bodies_is_ignored(client):
    victim = new_tenant(client)
    attacker = new_tenant(client)
    marker = canary()
    r = client.post(
        "/projects",
        json={"name": f"planted-{marker}", "tenant_id": victim.tenant_id},
        headers=attacker.headers,
    )
    assert r.status_code in (201, 400, 422), (r.status_code, r.text)
    assert marker not in client.get("/projects", headers=victim.headers).text
    project = create_project(client, attacker)
    client.patch(
        f"/projects/{project['id']}",
        json={"tenant_id": victim.tenant_id},
        headers=attacker.headers,
    )
    assert client.get(f"/projects/{project['id']}", headers=attacker.headers).status_code == 200
    assert client.get(f"/projects/{project['id']}", headers=victim.headers).status_code == 404


@pytest.mark.critical
def test_assignee_must_belong_to_the_tenant(client):
    victim = new_tenant(client)
    admin = new_tenant(client)
    member = add_user(client, admin)
    project = create_project(client, admin)
    r = client.post(
        f"/projects/{project['id']}/tasks",
        json={"title": "x", "assignee_id": victim.raw_id},
        headers=admin.headers,
    )
    assert r.status_code in (400, 404, 422), (r.status_code, r.text)
    task = create_task(client, admin, project["id"], assignee_id=member.raw_id)
    assert str(task["assignee_id"]) == member.id
    r = client.patch(
        f"/tasks/{task['id']}", json={"assignee_id": victim.raw_id}, headers=admin.headers
    )
    assert r.status_code in (400, 404, 422), (r.status_code, r.text)
    assert (
        str(client.get(f"/tasks/{task['id']}", headers=admin.headers).json()["assignee_id"])
        == member.id
    )
