"""Upload, metadata, byte-exact download with SHA-256."""

import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    PDF,
    PNG,
    disposition_filename,
    media,
    text_bytes,
    upload,
    uploaded,
    user,
)


@pytest.mark.critical
def test_upload_and_download_round_trip(client):
    alice = user()
    content = PNG + os.urandom(5000)
    r = upload(client, alice, content, filename="chart.png", ctype="image/png", title="Q3 chart")
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["sha256"] == hashlib.sha256(content).hexdigest()
    assert doc["size"] == len(content) and doc["content_type"] == "image/png"
    assert doc["filename"] == "chart.png" and doc["title"] == "Q3 chart"
    meta = client.get(f"/documents/{doc['id']}", headers=alice)
    assert meta.status_code == 200 and meta.json()["sha256"] == doc["sha256"]
    got = client.get(f"/documents/{doc['id']}/content", headers=alice)
    assert got.status_code == 200
    assert got.content == content
    assert media(got) == "image/png"
    cd = got.headers.get("content-disposition", "")
    assert cd.lower().startswith("attachment"), cd
    assert disposition_filename(cd) == "chart.png"
    assert got.headers.get("x-content-type-options", "").lower() == "nosniff"


def test_types_and_default_title(client):
    alice = user()
    for content, ctype in ((PDF, "application/pdf"), (text_bytes(), "text/plain")):
        doc = uploaded(client, alice, content, filename="file.bin")
        assert doc["content_type"] == ctype and doc["title"] == "file.bin"
        got = client.get(f"/documents/{doc['id']}/content", headers=alice)
        assert got.content == content and media(got) == ctype


def test_list_shows_only_own_documents(client):
    alice, bob = user(), user()
    mine = [uploaded(client, alice, text_bytes())["id"] for _ in range(2)]
    uploaded(client, bob, text_bytes())
    r = client.get("/documents", headers=alice)
    assert r.status_code == 200
    assert [d["id"] for d in r.json()["items"]] == mine


def test_missing_user_is_401(client):
    assert upload(client, {}, text_bytes()).status_code == 401
    assert client.get("/documents").status_code == 401
