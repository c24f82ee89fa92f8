"""Client filenames are sanitised; blobs never live at a client-chosen path."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import disposition_filename, text_bytes, upload_raw_name, uploaded, user

CASES = [
    ("traversal", "../../app/main.py", "main.py"),
    ("absolute", "/etc/passwd", "passwd"),
    ("windows", "..\\..\\windows\\system.ini", "system.ini"),
    ("control-chars", "ev\x01il\tna\x1fme\x7f.txt", "evilname.txt"),
    ("dots-and-spaces", "  ..hidden report.pdf.txt ", "hidden report.pdf.txt"),
    ("hidden", ".env", "env"),
]


@pytest.mark.critical
@pytest.mark.parametrize(("raw", "clean"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_filename_is_sanitised(client, raw, clean):
    alice = user()
    content = text_bytes()
    r = upload_raw_name(client, alice, content, raw)
    assert r.status_code == 201, (r.status_code, r.text)
    doc = r.json()
    assert doc["filename"] == clean, doc["filename"]
    got = client.get(f"/documents/{doc['id']}/content", headers=alice)
    assert got.content == content
    cd = got.headers["content-disposition"]
    assert cd.lower().startswith("attachment")
    assert disposition_filename(cd) == clean
    assert "\r" not in cd and "\n" not in cd and "\x00" not in cd


def test_unicode_filename_survives(client):
    alice = user()
    doc = uploaded(client, alice, text_bytes(), filename="Grüße résumé 報告.txt")
    assert doc["filename"] == "Grüße résumé 報告.txt"
    got = client.get(f"/documents/{doc['id']}/content", headers=alice)
    assert disposition_filename(got.headers["content-disposition"]) == "Grüße résumé 報告.txt"


@pytest.mark.critical
def test_same_filename_does_not_overwrite(client):
    alice, bob = user(), user()
    a = uploaded(client, alice, b"alice's secret draft\n", filename="draft.txt")
    b = uploaded(client, bob, b"bob's draft\n", filename="draft.txt")
    c = uploaded(client, alice, b"alice's second draft\n", filename="../draft.txt")
    assert (
        client.get(f"/documents/{a['id']}/content", headers=alice).content
        == b"alice's secret draft\n"
    )
    assert client.get(f"/documents/{b['id']}/content", headers=bob).content == b"bob's draft\n"
    assert (
        client.get(f"/documents/{c['id']}/content", headers=alice).content
        == b"alice's second draft\n"
    )
