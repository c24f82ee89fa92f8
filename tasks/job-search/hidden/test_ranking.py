"""Relevance: title hits outrank description hits; ties newest first."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ids, post_job, search, sid, word


@pytest.mark.critical
def test_title_hit_outranks_repeated_body_hits(client):
    w = word()
    title_old = post_job(client, title=f"{w} engineer", description="Great team.")
    body_heavy = post_job(
        client, title="Platform engineer", description=" ".join([w] * 8) + f" {w.upper()}!"
    )
    title_new = post_job(client, title=f"Lead {w} developer", description=f"{w} {w}")
    body_light = post_job(client, title="Support", description=f"Some {w}.")
    assert ids(search(client, q=w)) == [
        sid(title_new),
        sid(title_old),
        sid(body_light),
        sid(body_heavy),
    ]


def test_more_title_terms_rank_higher(client):
    w1, w2 = word(), word()
    two = post_job(client, title=f"{w1} {w2} architect")
    one_new = post_job(client, title=f"{w1} engineer", description=f"{w2} {w2} {w2}")
    zero = post_job(client, title="Engineer", description=f"{w1} {w2}")
    other_one = post_job(client, title=f"{w2} guru", description=f"{w1}")
    assert ids(search(client, q=f"{w2} {w1}")) == [
        sid(two),
        sid(other_one),
        sid(one_new),
        sid(zero),
    ]


def test_without_query_newest_first(client):
    loc = f"Town-{word()}"
    jobs = [post_job(client, location=loc, title=f"Job {i}") for i in range(4)]
    assert ids(search(client, location=loc)) == [sid(j) for j in reversed(jobs)]
