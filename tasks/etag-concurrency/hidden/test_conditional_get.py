"""If-None-Match on GET: 304 on a (weak) match, 200 otherwise."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_doc, url


@pytest.mark.critical
def test_matching_etag_gives_304(client):
    doc, etag = create_doc(client)
    r = client.get(url(doc), headers={"If-None-Match": etag})
    assert r.status_code == 304, (r.status_code, r.text)
    assert r.content == b""
    assert r.headers.get("etag") == etag


@pytest.mark.parametrize(
    "make_header",
    [lambda e: f"W/{e}", lambda e: f'"nope-1", {e}, "nope-2"', lambda e: "*"],
    ids=["weak-form", "in-a-list", "star"],
)
def test_if_none_match_forms(client, make_header):
    doc, etag = create_doc(client)
    r = client.get(url(doc), headers={"If-None-Match": make_header(etag)})
    assert r.status_code == 304, (r.status_code, r.text)


@pytest.mark.critical
def test_stale_etag_gets_the_new_representation(client):
    doc, etag = create_doc(client)
    r = client.patch(url(doc), json={"title": "Changed"}, headers={"If-Match": etag})
    assert r.status_code == 200
    r = client.get(url(doc), headers={"If-None-Match": etag})
    assert r.status_code == 200, (r.status_code, r.text)
    assert r.json()["title"] == "Changed" and r.headers.get("etag") != etag
