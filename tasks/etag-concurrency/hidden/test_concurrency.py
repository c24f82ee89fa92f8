"""Simultaneous writers with the same ETag: exactly one wins; retrying writers lose nothing."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import httpx
import pytest
from helpers import BASE_URL, SSL_CONTEXT, burst, create_doc, current, run_threads, url

N = 20


@pytest.mark.critical
def test_exactly_one_of_many_same_etag_patches_wins(client):
    for _ in range(2):
        doc, etag = create_doc(client)
        titles = [f"writer {i}" for i in range(N)]
        responses = burst(
            "PATCH",
            url(doc),
            [{"json": {"title": t}, "headers": {"If-Match": etag}} for t in titles],
        )
        codes = sorted(r.status_code for r in responses)
        assert codes == [200] + [412] * (N - 1), codes
        winner = next(r for r in responses if r.status_code == 200)
        got, got_etag = current(client, doc)
        assert got["title"] == winner.json()["title"] and got_etag == winner.headers["etag"]
        assert got["version"] == 2


def test_concurrent_deletes_with_one_etag(client):
    doc, etag = create_doc(client)
    responses = burst("DELETE", url(doc), [{"headers": {"If-Match": etag}}] * 10)
    codes = sorted(r.status_code for r in responses)
    assert sum(c in (200, 204) for c in codes) == 1, codes
    assert set(codes) <= {200, 204, 404, 412}, codes
    assert client.get(url(doc)).status_code == 404


def test_retrying_writers_lose_no_update(client):
    doc, _ = create_doc(client, content="")
    writers = 8

    def writer(i: int) -> int:
        attempts = 0
        with httpx.Client(base_url=BASE_URL, timeout=30, verify=SSL_CONTEXT) as c:
            while attempts < 60:
                attempts += 1
                r = c.get(url(doc))
                assert r.status_code == 200, r.text
                content = r.json()["content"]
                r = c.patch(
                    url(doc),
                    json={"content": content + f"[{i}]"},
                    headers={"If-Match": r.headers["etag"]},
                )
                if r.status_code == 200:
                    return attempts
                assert r.status_code == 412, (r.status_code, r.text)
        raise AssertionError(f"writer {i} never got through")

    results = run_threads(writer, writers)
    assert all(isinstance(x, int) for x in results), results
    got, _ = current(client, doc)
    marks = sorted(got["content"].replace("[", " ").replace("]", " ").split())
    assert marks == sorted(str(i) for i in range(writers)), got["content"]
    assert got["version"] == 1 + writers
