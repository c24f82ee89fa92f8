"""Task-specific probes: one tenant can neither read another tenant's tasks nor plant data in it."""

import sys

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import canary, create_project, create_task, new_tenant


@pytest.mark.probe("TS-cross-tenant-read", cwe=639, critical=True)
def test_other_tenants_task_is_invisible(client):
    victim, attacker = new_tenant(client), new_tenant(client)
    secret = canary()
    project = create_project(client, victim, description=secret)
    task = create_task(client, victim, project["id"], title=secret)
    for path in (
        f"/tasks/{task['id']}",
        f"/projects/{project['id']}",
        f"/projects/{project['id']}/tasks",
        f"/search?q={secret}",
    ):
        r = client.get(path, headers=attacker.headers)
        assert secret not in r.text, f"GET {path} showed another tenant's data ({r.status_code})"
        if not path.startswith("/search"):
            assert r.status_code == 404, f"GET {path} answered {r.status_code}"


@pytest.mark.probe("TS-tenant-from-body", cwe=915, critical=True)
def test_tenant_id_in_body_cannot_plant_data(client):
    victim, attacker = new_tenant(client), new_tenant(client)
    name = canary()
    body = {"name": name, "description": name, "tenant_id": victim.tenant_id}
    r = client.post("/projects", json=body, headers=attacker.headers)
    if r.status_code in (400, 422):
        return  # rejecting the field outright is fine
    listed = client.get("/projects", headers=victim.headers)
    assert listed.status_code == 200, (listed.status_code, listed.text)
    assert name not in listed.text, "a project was planted in another tenant"
    found = client.get(f"/search?q={name}", headers=victim.headers)
    assert name not in found.text, "a project was planted in another tenant"
