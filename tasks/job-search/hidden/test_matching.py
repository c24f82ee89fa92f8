"""Term matching: title or description, all terms, case-insensitive whole words."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ids, post_job, search, sid, word


@pytest.mark.critical
def test_matches_title_or_description(client):
    w = word()
    in_title = post_job(client, title=f"Senior {w} developer")
    in_body = post_job(client, description=f"You will work with {w} every day.")
    post_job(client, title=f"Senior {w}x developer", description=f"{w}s and x{w}")
    page = search(client, q=w, limit=50)
    assert sorted(ids(page)) == sorted([sid(in_title), sid(in_body)])
    assert page["total"] == 2


def test_all_terms_must_match(client):
    w1, w2 = word(), word()
    both = post_job(client, title=f"{w1} lead", description=f"Knowledge of {w2} required")
    post_job(client, title=f"{w1} lead")
    post_job(client, description=f"{w2} only")
    assert ids(search(client, q=f"{w1} {w2}")) == [sid(both)]


def test_case_insensitive_and_punctuation_separates(client):
    w = word()
    job = post_job(client, title=f"Backend ({w.upper()}/Node.js) engineer")
    assert ids(search(client, q=w)) == [sid(job)]
    assert ids(search(client, q=f"{w.capitalize()} NODE js")) == [sid(job)]


def test_get_by_id_and_404(client):
    job = post_job(client, title=f"Data {word()} analyst")
    assert client.get(f"/jobs/{job['id']}").json()["title"] == job["title"]
    assert client.get("/jobs/987654321").status_code == 404
