"""Transfer history per account: both directions, newest first, only successful transfers."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

from helpers import history_ids, new_account, transfer


def test_history_lists_both_directions_newest_first(client):
    a, b, c = new_account(client, "100.00"), new_account(client, "100.00"), new_account(client, "0")
    ids = []
    for src, dst, amount in ((a, b, "1.00"), (b, a, "2.00"), (a, c, "3.00")):
        r = transfer(client, src["id"], dst["id"], amount)
        assert r.status_code == 201, r.text
        ids.append(str(r.json()["id"]))
    assert transfer(client, c["id"], a["id"], "99.00").status_code == 409
    assert history_ids(client, a["id"]) == ids[::-1]
    assert history_ids(client, b["id"]) == ids[1::-1]
    assert history_ids(client, c["id"]) == [ids[2]]
    listed = client.get(f"/accounts/{a['id']}/transfers").json()
    assert [t["amount"] for t in listed] == ["3.00", "2.00", "1.00"]


def test_history_of_unknown_account_is_404(client):
    assert client.get(f"/accounts/{uuid.uuid4()}/transfers").status_code == 404
