"""The stored type comes from the bytes (magic numbers), never from the client."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import JPEG, PNG, media, upload, uploaded, user

REJECTED = [
    (
        "exe-as-pdf",
        b"MZ\x90\x00\x03\x00\x00\x00" + os.urandom(200),
        "report.pdf",
        "application/pdf",
    ),
    ("zip-as-png", b"PK\x03\x04\x14\x00\x00\x00" + os.urandom(200), "photo.png", "image/png"),
    ("binary-as-text", b"hello\x00world\x01\x02", "notes.txt", "text/plain"),
    ("latin1-as-text", "caf\xe9 cr\xe8me".encode("latin-1"), "menu.txt", "text/plain"),
    ("empty", b"", "empty.txt", "text/plain"),
]


@pytest.mark.critical
@pytest.mark.parametrize(
    ("content", "filename", "ctype"), [r[1:] for r in REJECTED], ids=[r[0] for r in REJECTED]
)
def test_spoofed_or_unknown_types_are_415(client, content, filename, ctype):
    alice = user()
    r = upload(client, alice, content, filename=filename, ctype=ctype)
    assert r.status_code == 415, (r.status_code, r.text)
    assert client.get("/documents", headers=alice).json()["items"] == []


def test_detected_type_wins_over_declared(client):
    alice = user()
    doc = uploaded(client, alice, JPEG, filename="scan.txt", ctype="text/html")
    assert doc["content_type"] == "image/jpeg"
    got = client.get(f"/documents/{doc['id']}/content", headers=alice)
    assert media(got) == "image/jpeg"
    doc = uploaded(client, alice, PNG, filename="x.png", ctype="text/html")
    assert doc["content_type"] == "image/png"
