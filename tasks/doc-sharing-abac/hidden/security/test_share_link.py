"""Task-specific probe: a share link that was turned off gives nobody the document any more."""

import sys

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import canary, create_doc, make_user, set_link


@pytest.mark.probe("TS-disabled-link", cwe=284, critical=True)
def test_disabled_link_reveals_nothing(client):
    owner = make_user(client)
    secret = canary()
    doc = create_doc(client, owner, title=secret, content=secret)
    r = set_link(client, owner, doc["id"], True)
    assert r.status_code == 200, (r.status_code, r.text)
    old = r.json()["token"]
    assert set_link(client, owner, doc["id"], False).status_code == 200
    r = client.get(f"/shared/{old}")
    assert r.status_code == 404, f"disabled link answered {r.status_code}"
    assert secret not in r.text, "disabled link returned the document"
    r = set_link(client, owner, doc["id"], True)
    assert r.status_code == 200, (r.status_code, r.text)
    r = client.get(f"/shared/{old}")
    assert r.status_code == 404 and secret not in r.text, "re-enabling revived the old link"
