"""Creating, editing and deleting articles, by role; status and author are not writable."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import article_in_status, create_article, team


@pytest.mark.critical
def test_who_may_create(client):
    boss, editor, author, viewer = team(client, "admin", "editor", "author", "viewer")
    for writer in (boss, editor, author):
        article = create_article(client, writer)
        assert article["status"] == "draft" and str(article["author_id"]) == writer.id
    r = client.post("/articles", json={"title": "nope"}, headers=viewer.headers)
    assert r.status_code == 403, (r.status_code, r.text)


@pytest.mark.critical
def test_status_and_author_cannot_be_set_directly(client):
    author, other = team(client, "author", "author")
    article = create_article(client, author, status="published", author_id=other.id)
    assert article["status"] == "draft" and str(article["author_id"]) == author.id
    r = client.patch(
        f"/articles/{article['id']}", json={"status": "published"}, headers=author.headers
    )
    assert r.status_code in (200, 400, 422), r.text
    again = client.get(f"/articles/{article['id']}", headers=author.headers).json()
    assert again["status"] == "draft"


def test_edit_rules(client):
    editor, author, other, viewer = team(client, "editor", "author", "author", "viewer")
    draft = create_article(client, author)
    r = client.patch(f"/articles/{draft['id']}", json={"title": "v2"}, headers=author.headers)
    assert r.status_code == 200 and r.json()["title"] == "v2"
    review = article_in_status(client, author, editor, "review")
    r = client.patch(f"/articles/{review['id']}", json={"title": "sneaky"}, headers=author.headers)
    assert r.status_code == 403, (r.status_code, r.text)
    r = client.patch(
        f"/articles/{review['id']}", json={"body": "copy-edit"}, headers=editor.headers
    )
    assert r.status_code == 200 and r.json()["body"] == "copy-edit"
    published = article_in_status(client, author, editor, "published")
    for outsider in (other, viewer):
        r = client.patch(
            f"/articles/{published['id']}", json={"title": "x"}, headers=outsider.headers
        )
        assert r.status_code == 403, (r.status_code, r.text)
    assert (
        client.get(f"/articles/{published['id']}", headers=viewer.headers).json()["title"]
        == published["title"]
    )


@pytest.mark.critical
def test_only_admins_delete(client):
    boss, editor, author = team(client, "admin", "editor", "author")
    published = article_in_status(client, author, editor, "published")
    url = f"/articles/{published['id']}"
    for actor in (editor, author):
        r = client.delete(url, headers=actor.headers)
        assert r.status_code == 403, (r.status_code, r.text)
    assert client.get(url, headers=author.headers).status_code == 200
    assert client.delete(url, headers=boss.headers).status_code in (200, 204)
    assert client.get(url, headers=boss.headers).status_code == 404
