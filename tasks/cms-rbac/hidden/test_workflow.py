"""draft -> review -> published, with role checks (403) before state checks (409)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import article_in_status, create_article, move, team


@pytest.mark.critical
def test_happy_path_author_submits_editor_publishes(client):
    editor, author, viewer = team(client, "editor", "author", "viewer")
    article = create_article(client, author)
    assert article["status"] == "draft" and article.get("published_at") is None
    assert str(article["author_id"]) == author.id
    r = move(client, author, article["id"], "review")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "review"
    r = move(client, editor, article["id"], "published")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "published" and r.json()["published_at"]
    seen = client.get(f"/articles/{article['id']}", headers=viewer.headers)
    assert seen.status_code == 200 and seen.json()["status"] == "published"


@pytest.mark.critical
def test_authors_cannot_publish(client):
    editor, author = team(client, "editor", "author")
    draft = create_article(client, author)
    r = move(client, author, draft["id"], "published")
    assert r.status_code == 403, (r.status_code, r.text)
    review = article_in_status(client, author, editor, "review")
    r = move(client, author, review["id"], "published")
    assert r.status_code == 403, (r.status_code, r.text)
    r = move(client, author, review["id"], "draft")
    assert r.status_code == 403, (r.status_code, r.text)
    assert (
        client.get(f"/articles/{review['id']}", headers=author.headers).json()["status"] == "review"
    )


def test_author_cannot_submit_someone_elses_article(client):
    editor, author, other = team(client, "editor", "author", "author")
    published = article_in_status(client, author, editor, "published")
    unpublished = client.post(
        f"/articles/{published['id']}/transition", json={"to": "draft"}, headers=editor.headers
    )
    assert unpublished.status_code == 200
    r = move(client, other, published["id"], "review")
    assert r.status_code in (403, 404), (r.status_code, r.text)


@pytest.mark.critical
def test_viewers_cannot_move_articles(client):
    editor, author, viewer = team(client, "editor", "author", "viewer")
    published = article_in_status(client, author, editor, "published")
    for target in ("draft", "review", "published"):
        r = move(client, viewer, published["id"], target)
        assert r.status_code == 403, (target, r.status_code, r.text)
    assert (
        client.get(f"/articles/{published['id']}", headers=viewer.headers).json()["status"]
        == "published"
    )


@pytest.mark.parametrize(
    ("start", "target"),
    [("draft", "published"), ("draft", "draft"), ("published", "review"), ("review", "review")],
)
def test_illegal_moves_are_409(client, start, target):
    boss, editor, author = team(client, "admin", "editor", "author")
    article = article_in_status(client, author, editor, start)
    for actor in (editor, boss):
        r = move(client, actor, article["id"], target)
        assert r.status_code == 409, (start, target, r.status_code, r.text)
    assert (
        client.get(f"/articles/{article['id']}", headers=editor.headers).json()["status"] == start
    )


def test_editor_rejects_and_unpublishes(client):
    editor, author = team(client, "editor", "author")
    review = article_in_status(client, author, editor, "review")
    r = move(client, editor, review["id"], "draft")
    assert r.status_code == 200 and r.json()["status"] == "draft"
    published = article_in_status(client, author, editor, "published")
    r = move(client, editor, published["id"], "draft")
    assert r.status_code == 200 and r.json()["status"] == "draft"
    assert r.json()["published_at"] is None


def test_unknown_target_is_422(client):
    editor, author = team(client, "editor", "author")
    article = create_article(client, author)
    assert move(client, editor, article["id"], "archived").status_code in (400, 422)
