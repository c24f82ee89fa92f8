"""Notes belong to their owner: full CRUD for the owner, nothing for anyone else."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_401_bearer, make_user

NOTE_FIELDS = ("id", "title", "body")


def _view(note: dict) -> dict:
    return {"id": str(note["id"]), "title": note["title"], "body": note["body"]}


def _create(client, user, title: str | None = None, body: str = "some text") -> dict:
    title = title or f"note {uuid.uuid4().hex[:8]}"
    r = client.post("/notes", json={"title": title, "body": body}, headers=user.headers)
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


@pytest.mark.critical
def test_owner_can_create_read_update_delete(client):
    user = make_user(client)
    note = _create(client, user, title="Groceries", body="milk, eggs")
    assert note["title"] == "Groceries" and note["body"] == "milk, eggs"
    url = f"/notes/{note['id']}"
    assert _view(client.get(url, headers=user.headers).json()) == _view(note)
    r = client.patch(url, json={"title": "Shopping"}, headers=user.headers)
    assert r.status_code == 200, r.text
    assert _view(r.json()) == {**_view(note), "title": "Shopping"}
    assert client.get(url, headers=user.headers).json()["body"] == "milk, eggs"
    r = client.delete(url, headers=user.headers)
    assert r.status_code == 204, r.text
    assert client.get(url, headers=user.headers).status_code == 404
    assert client.delete(url, headers=user.headers).status_code == 404
    listed = client.get("/notes", headers=user.headers).json()
    assert str(note["id"]) not in {str(n["id"]) for n in listed}


def test_body_defaults_to_empty_string(client):
    user = make_user(client)
    r = client.post("/notes", json={"title": "only a title"}, headers=user.headers)
    assert r.status_code == 201, r.text
    assert r.json()["body"] == ""


@pytest.mark.critical
def test_list_contains_exactly_my_notes(client):
    alice, bob = make_user(client), make_user(client)
    mine = [_create(client, alice) for _ in range(3)]
    theirs = _create(client, bob)
    r = client.get("/notes", headers=alice.headers)
    assert r.status_code == 200, r.text
    assert sorted(map(_view, r.json()), key=str) == sorted(map(_view, mine), key=str)
    bobs = client.get("/notes", headers=bob.headers).json()
    assert [_view(n) for n in bobs] == [_view(theirs)]


@pytest.mark.critical
def test_other_users_note_is_invisible_and_untouchable(client):
    alice, mallory = make_user(client), make_user(client)
    canary = f"CANARY-{uuid.uuid4().hex}"
    note = _create(client, alice, title=f"secret {canary}", body=f"body {canary}")
    url = f"/notes/{note['id']}"
    attempts = [
        client.get(url, headers=mallory.headers),
        client.patch(url, json={"title": "pwned"}, headers=mallory.headers),
        client.patch(url, json={"body": "pwned"}, headers=mallory.headers),
        client.delete(url, headers=mallory.headers),
    ]
    for r in attempts:
        assert r.status_code in (403, 404), (r.request.method, r.status_code, r.text)
        assert canary not in r.text
    listed = client.get("/notes", headers=mallory.headers)
    assert listed.status_code == 200 and canary not in listed.text
    me = client.get("/users/me", headers=mallory.headers)
    assert canary not in me.text
    still = client.get(url, headers=alice.headers)
    assert still.status_code == 200
    assert _view(still.json()) == _view(note)


def test_missing_note_is_404(client):
    user = make_user(client)
    note = _create(client, user)
    url = f"/notes/{note['id']}"
    assert client.delete(url, headers=user.headers).status_code == 204
    assert client.get(url, headers=user.headers).status_code == 404
    assert client.patch(url, json={"title": "x"}, headers=user.headers).status_code == 404


@pytest.mark.critical
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/notes", None),
        ("POST", "/notes", {"title": "t", "body": "b"}),
        ("GET", "/notes/{id}", None),
        ("PATCH", "/notes/{id}", {"title": "t"}),
        ("DELETE", "/notes/{id}", None),
    ],
    ids=["list", "create", "get", "patch", "delete"],
)
def test_notes_require_a_token(client, method, path, body):
    owner = make_user(client)
    note = _create(client, owner)
    url = path.replace("{id}", str(note["id"]))
    for headers in ({}, {"Authorization": "Bearer invalid.token.value"}):
        assert_401_bearer(client.request(method, url, json=body, headers=headers))
    assert _view(client.get(f"/notes/{note['id']}", headers=owner.headers).json()) == _view(note)


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("POST", {"body": "no title"}),
        ("POST", {"title": ""}),
        ("POST", {"title": "t" * 201}),
        ("PATCH", {"title": None}),
        ("PATCH", {"title": ""}),
    ],
    ids=["create-no-title", "create-empty-title", "create-long-title", "patch-null", "patch-empty"],
)
def test_invalid_note_is_rejected(client, method, body):
    user = make_user(client)
    note = _create(client, user)
    url = "/notes" if method == "POST" else f"/notes/{note['id']}"
    r = client.request(method, url, json=body, headers=user.headers)
    assert r.status_code in (400, 422), (r.status_code, r.text)
    assert _view(client.get(f"/notes/{note['id']}", headers=user.headers).json()) == _view(note)
