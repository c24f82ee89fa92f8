"""Documents nobody shared with you are invisible everywhere: get, list, search, edit, delete."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import canary, create_doc, listed_ids, make_user


@pytest.mark.critical
def test_unshared_document_is_invisible(client):
    owner, stranger = make_user(client), make_user(client)
    secret = canary()
    doc = create_doc(client, owner, title=f"t {secret}", content=f"body {secret}")
    url = f"/documents/{doc['id']}"
    for r in (
        client.get(url, headers=stranger.headers),
        client.patch(url, json={"content": "pwned"}, headers=stranger.headers),
        client.delete(url, headers=stranger.headers),
        client.get(f"{url}/shares", headers=stranger.headers),
        client.put(f"{url}/link", json={"enabled": True}, headers=stranger.headers),
    ):
        assert r.status_code == 404, (r.request.method, r.request.url, r.status_code, r.text)
        assert secret not in r.text
    assert client.get(url, headers=owner.headers).json()["content"] == f"body {secret}"


@pytest.mark.critical
def test_list_and_search_show_only_accessible_documents(client):
    owner, stranger = make_user(client), make_user(client)
    secret = canary()
    create_doc(client, owner, title=f"t {secret}", content=f"body {secret}")
    mine = create_doc(client, stranger, title="mine", content="nothing special")
    for params in (None, {"q": secret}, {"q": secret.lower()[:20]}, {"q": "body"}, {"q": "t"}):
        r = client.get("/documents", params=params, headers=stranger.headers)
        assert r.status_code == 200, r.text
        assert secret not in r.text, params
    assert listed_ids(client, stranger) == {str(mine["id"])}


def test_search_finds_my_documents_case_insensitively(client):
    owner = make_user(client)
    word = canary()
    hit = create_doc(client, owner, title="report", content=f"see {word} here")
    create_doc(client, owner, title="other", content="nothing")
    assert listed_ids(client, owner, word.upper()) == {str(hit["id"])}
    assert listed_ids(client, owner, word[:12].lower()) == {str(hit["id"])}
