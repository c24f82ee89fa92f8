"""Task-specific probes: a viewer cannot hand out roles, an author cannot skip review."""

import sys
import uuid

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import make_user, team


@pytest.mark.probe("TS-viewer-grants-role", cwe=269, critical=True)
@pytest.mark.parametrize("role", ["admin", "editor"])
def test_viewer_cannot_grant_roles(client, role):
    viewer, accomplice = make_user(client), make_user(client)
    path = f"/users/{accomplice.id}/role"
    r = client.put(path, json={"role": role}, headers=viewer.headers)
    assert not r.is_success, f"a viewer made another account {role} ({r.status_code})"
    me = client.get("/users/me", headers=accomplice.headers)
    assert me.status_code == 200 and me.json()["role"] == "viewer", me.text


@pytest.mark.probe("TS-create-as-published", cwe=915, critical=False)
def test_author_cannot_create_published_article(client):
    author, viewer = team(client, "author", "viewer")
    title = f"CANARY{uuid.uuid4().hex}"
    body = {
        "title": title,
        "body": "x",
        "status": "published",
        "published_at": "2020-01-01T00:00:00Z",
    }
    r = client.post("/articles", json=body, headers=author.headers)
    if r.status_code in (400, 422):
        return  # refusing the field outright is fine
    assert r.status_code == 201, (r.status_code, r.text)
    assert r.json()["status"] == "draft", f"created with status {r.json()['status']!r}"
    seen = client.get(f"/articles/{r.json()['id']}", headers=viewer.headers)
    assert seen.status_code == 404, f"a viewer can read the new article ({seen.status_code})"
