"""Writes need If-Match: 428 without it, 412 when it does not (strongly) match."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_doc, current, url, view

WRITES = [
    ("PUT", {"title": "overwritten", "content": "x"}),
    ("PATCH", {"title": "patched"}),
    ("DELETE", None),
]
IDS = ["put", "patch", "delete"]


@pytest.mark.critical
@pytest.mark.parametrize(("method", "body"), WRITES, ids=IDS)
def test_missing_if_match_is_428(client, method, body):
    doc, etag = create_doc(client)
    r = client.request(method, url(doc), json=body)
    assert r.status_code == 428, (r.status_code, r.text)
    assert "detail" in r.json()
    got, got_etag = current(client, doc)
    assert view(got) == view(doc) and got_etag == etag


@pytest.mark.critical
@pytest.mark.parametrize(("method", "body"), WRITES, ids=IDS)
def test_stale_if_match_is_412(client, method, body):
    doc, old = create_doc(client)
    r = client.patch(url(doc), json={"content": "second version"}, headers={"If-Match": old})
    assert r.status_code == 200
    latest = r.json()
    r = client.request(method, url(doc), json=body, headers={"If-Match": old})
    assert r.status_code == 412, (r.status_code, r.text)
    assert "detail" in r.json()
    assert view(current(client, doc)[0]) == view(latest)


def test_weak_tag_never_satisfies_if_match(client):
    doc, etag = create_doc(client)
    r = client.put(url(doc), json={"title": "weak"}, headers={"If-Match": f"W/{etag}"})
    assert r.status_code == 412, (r.status_code, r.text)
    assert view(current(client, doc)[0]) == view(doc)


def test_if_match_list_and_star(client):
    doc, etag = create_doc(client)
    r = client.patch(url(doc), json={"title": "via list"}, headers={"If-Match": f'"other", {etag}'})
    assert r.status_code == 200, (r.status_code, r.text)
    r = client.patch(url(doc), json={"title": "via star"}, headers={"If-Match": "*"})
    assert r.status_code == 200, (r.status_code, r.text)
    assert current(client, doc)[0]["title"] == "via star"


def test_delete_with_current_etag(client):
    doc, etag = create_doc(client)
    r = client.delete(url(doc), headers={"If-Match": etag})
    assert r.status_code in (200, 204), (r.status_code, r.text)
    assert client.get(url(doc)).status_code == 404
