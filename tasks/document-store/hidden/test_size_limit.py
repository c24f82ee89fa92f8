"""MAX_UPLOAD_BYTES: exactly the limit is fine, one byte more is 413 and stores nothing."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import MAX_UPLOAD_BYTES, text_bytes, upload, user


@pytest.mark.critical
def test_size_limit(client):
    alice = user()
    r = upload(client, alice, text_bytes(MAX_UPLOAD_BYTES))
    assert r.status_code == 201, r.text
    assert r.json()["size"] == MAX_UPLOAD_BYTES
    r = upload(client, alice, text_bytes(MAX_UPLOAD_BYTES + 1))
    assert r.status_code == 413, (r.status_code, r.text[:200])
    assert len(client.get("/documents", headers=alice).json()["items"]) == 1


def test_far_too_large_is_413(client):
    r = upload(client, user(), text_bytes(MAX_UPLOAD_BYTES * 4))
    assert r.status_code == 413, r.status_code
