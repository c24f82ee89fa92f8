"""Every representation carries a strong ETag that changes with each write."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import STRONG_ETAG, create_doc, current, url, view


@pytest.mark.critical
def test_create_and_get_carry_the_same_strong_etag(client):
    doc, etag = create_doc(client, title="Spec", content="draft")
    assert STRONG_ETAG.match(etag), etag
    assert doc["title"] == "Spec" and doc["content"] == "draft" and doc["version"] == 1
    got, got_etag = current(client, doc)
    assert view(got) == view(doc) and got_etag == etag


@pytest.mark.critical
def test_put_returns_new_etag_and_state(client):
    doc, etag = create_doc(client)
    r = client.put(
        url(doc), json={"title": "New title", "content": "new"}, headers={"If-Match": etag}
    )
    assert r.status_code == 200, (r.status_code, r.text)
    new_etag = r.headers.get("etag")
    assert new_etag and STRONG_ETAG.match(new_etag) and new_etag != etag, (etag, new_etag)
    assert r.json()["title"] == "New title" and r.json()["version"] == 2
    got, got_etag = current(client, doc)
    assert got["title"] == "New title" and got["content"] == "new" and got_etag == new_etag


def test_patch_changes_only_sent_fields_and_etag(client):
    doc, etag = create_doc(client, content="keep me")
    r = client.patch(url(doc), json={"title": "Patched"}, headers={"If-Match": etag})
    assert r.status_code == 200, (r.status_code, r.text)
    assert r.json()["content"] == "keep me" and r.json()["title"] == "Patched"
    assert r.headers.get("etag") not in (None, etag)
    assert current(client, doc)[1] == r.headers["etag"]


def test_every_write_gives_a_distinct_etag(client):
    doc, etag = create_doc(client)
    seen = [etag]
    for i in range(4):
        r = client.patch(url(doc), json={"content": f"rev {i}"}, headers={"If-Match": seen[-1]})
        assert r.status_code == 200, (r.status_code, r.text)
        seen.append(r.headers["etag"])
    assert len(set(seen)) == len(seen), seen
    assert current(client, doc)[0]["version"] == 5


def test_unknown_document_is_404(client):
    doc, etag = create_doc(client)
    assert client.delete(url(doc), headers={"If-Match": etag}).status_code in (200, 204)
    assert client.get(url(doc)).status_code == 404
    r = client.put(url(doc), json={"title": "x"}, headers={"If-Match": etag})
    assert r.status_code == 404, (r.status_code, r.text)
