"""Only admins list users and assign roles; role changes apply to the next request."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import admin, create_article, make_user, set_role, team


@pytest.mark.critical
def test_admin_assigns_roles(client):
    boss = admin(client)
    user = make_user(client, "viewer", boss)
    r = set_role(client, boss, user.id, "editor")
    assert r.status_code == 200, r.text
    assert r.json()["role"] == "editor" and str(r.json()["id"]) == user.id
    assert client.get("/users/me", headers=user.headers).json()["role"] == "editor"
    listed = client.get("/users", headers=boss.headers)
    assert listed.status_code == 200
    row = next(u for u in listed.json() if str(u["id"]) == user.id)
    assert row["role"] == "editor" and row["email"] == user.email


@pytest.mark.critical
@pytest.mark.parametrize("role", ["viewer", "author", "editor"])
def test_non_admins_cannot_manage_roles(client, role):
    boss, actor = team(client, "admin", role)
    victim = make_user(client, "viewer", boss)
    for target, new_role in [(actor.id, "admin"), (victim.id, "editor")]:
        r = set_role(client, actor, target, new_role)
        assert r.status_code == 403, (role, r.status_code, r.text)
    assert client.get("/users/me", headers=actor.headers).json()["role"] == role
    assert client.get("/users/me", headers=victim.headers).json()["role"] == "viewer"
    assert client.get("/users", headers=actor.headers).status_code == 403


@pytest.mark.critical
def test_demotion_applies_to_existing_tokens(client):
    boss = admin(client)
    editor, author = make_user(client, "editor", boss), make_user(client, "author", boss)
    article = create_article(client, author)
    assert (
        client.post(
            f"/articles/{article['id']}/transition", json={"to": "review"}, headers=author.headers
        ).status_code
        == 200
    )
    assert set_role(client, boss, editor.id, "viewer").status_code == 200
    r = client.post(
        f"/articles/{article['id']}/transition", json={"to": "published"}, headers=editor.headers
    )
    assert r.status_code in (403, 404), (r.status_code, r.text)
    assert (
        client.get(f"/articles/{article['id']}", headers=author.headers).json()["status"]
        == "review"
    )
    assert set_role(client, boss, author.id, "viewer").status_code == 200
    assert (
        client.post("/articles", json={"title": "late"}, headers=author.headers).status_code == 403
    )


def test_role_validation_and_unknown_user(client):
    boss = admin(client)
    user = make_user(client, "viewer", boss)
    assert set_role(client, boss, user.id, "superuser").status_code in (400, 422)
    # numeric, so that a service with integer ids cannot answer 422 for the path's type
    assert set_role(client, boss, "987654321987", "editor").status_code == 404
    assert set_role(client, boss, boss.id, "viewer").status_code == 409
    assert client.get("/users/me", headers=boss.headers).json()["role"] == "admin"
