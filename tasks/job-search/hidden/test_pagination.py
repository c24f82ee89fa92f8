"""Pages are consecutive slices of one ordering."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from helpers import ids, post_job, search, sid, word


def test_pages_slice_the_ranking(client):
    w = word()
    jobs = [post_job(client, title=(w if i % 3 == 0 else "Role"), description=w) for i in range(11)]
    full = ids(search(client, q=w, limit=50))
    assert sorted(full) == sorted(sid(j) for j in jobs)
    pages = []
    for offset in range(0, 12, 4):
        page = search(client, q=w, limit=4, offset=offset)
        assert page["total"] == 11 and page["limit"] == 4 and page["offset"] == offset
        pages += ids(page)
    assert pages == full
    title_ids = {sid(j) for i, j in enumerate(jobs) if i % 3 == 0}
    assert set(full[:4]) == title_ids
