"""Facet counts cover the whole filtered result set."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import location_facet, post_job, remote_facet, search, word


@pytest.fixture
def corpus(client):
    w = word()
    a, b, c = (f"{name}-{word('')}" for name in ("Oslo", "Riga", "Kyiv"))
    spec = (
        [(a, True, 40000)] * 3
        + [(a, False, 80000)] * 2
        + [(b, True, 80000)] * 4
        + [(c, False, 40000)]
    )
    for loc, remote, salary in spec:
        post_job(
            client,
            title=f"{w} role",
            location=loc,
            remote=remote,
            salary_min=salary,
            salary_max=salary,
        )
    return w, a, b, c


@pytest.mark.critical
def test_facets_without_filters(client, corpus):
    w, a, b, c = corpus
    page = search(client, q=w, limit=1)
    assert page["total"] == 10 and len(page["items"]) == 1
    assert location_facet(page) == {a: 5, b: 4, c: 1}
    assert remote_facet(page) == {"true": 7, "false": 3}


@pytest.mark.critical
def test_facets_follow_filters(client, corpus):
    w, a, b, _c = corpus
    page = search(client, q=w, remote=True)
    assert location_facet(page) == {a: 3, b: 4}
    assert remote_facet(page) == {"true": 7, "false": 0}
    page = search(client, q=w, salary_min=60000)
    assert location_facet(page) == {a: 2, b: 4}
    assert remote_facet(page) == {"true": 4, "false": 2}
    page = search(client, q=w, location=a, remote=False)
    assert page["total"] == 2
    assert location_facet(page) == {a: 2} and remote_facet(page) == {"true": 0, "false": 2}
