"""Who sees which articles: drafts and reviews only to their author, editors and admins."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import article_in_status, create_article, ids, team


@pytest.mark.critical
def test_unpublished_articles_are_hidden_from_viewers_and_other_authors(client):
    boss, editor, author, other, viewer = team(
        client, "admin", "editor", "author", "author", "viewer"
    )
    canary = f"CANARY-{uuid.uuid4().hex}"
    draft = create_article(client, author, title=f"draft {canary}", body=canary)
    review = article_in_status(client, author, editor, "review")
    for status_article in (draft, review):
        url = f"/articles/{status_article['id']}"
        for outsider in (viewer, other):
            r = client.get(url, headers=outsider.headers)
            assert r.status_code == 404, (r.status_code, r.text)
        for insider in (author, editor, boss):
            assert client.get(url, headers=insider.headers).status_code == 200
    for outsider in (viewer, other):
        for query in ("", "?status=draft", "?status=review"):
            r = client.get(f"/articles{query}", headers=outsider.headers)
            assert r.status_code == 200, r.text
            assert canary not in r.text
            assert not {str(draft["id"]), str(review["id"])} & ids(r)


@pytest.mark.critical
def test_lists_by_role(client):
    boss, editor, author, viewer = team(client, "admin", "editor", "author", "viewer")
    draft = create_article(client, author)
    published = article_in_status(client, author, editor, "published")
    draft_id, published_id = str(draft["id"]), str(published["id"])
    mine = {draft_id, published_id}
    assert mine <= ids(client.get("/articles", headers=author.headers))
    assert mine <= ids(client.get("/articles", headers=editor.headers))
    assert mine <= ids(client.get("/articles", headers=boss.headers))
    seen = ids(client.get("/articles", headers=viewer.headers))
    assert published_id in seen and draft_id not in seen
    only_published = client.get("/articles?status=published", headers=editor.headers)
    assert published_id in ids(only_published) and draft_id not in ids(only_published)
    assert {a["status"] for a in only_published.json()} == {"published"}


def test_viewer_lists_only_published(client):
    editor, author, viewer = team(client, "editor", "author", "viewer")
    article_in_status(client, author, editor, "published")
    create_article(client, author)
    r = client.get("/articles", headers=viewer.headers)
    assert r.status_code == 200
    assert r.json(), "published articles are listed"
    assert {a["status"] for a in r.json()} == {"published"}
