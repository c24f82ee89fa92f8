"""Operator and quote characters in q are separators, never errors or injections."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import ids, post_job, search, sid, word

NOISE = [
    '"',
    "'",
    "*",
    "(",
    ")",
    ":",
    "^",
    "-",
    "+",
    "%",
    "_",
    "\\",
    "|",
    "&",
    ";",
    "'--",
    '")(',
    "{}",
    "[]",
]


@pytest.mark.critical
def test_operator_characters_are_separators(client):
    w = word()
    a = post_job(client, title=f"{w} engineer")
    b = post_job(client, description=f"{w}")
    expected = ids(search(client, q=w))
    assert expected == [sid(a), sid(b)]
    for noise in NOISE:
        r = client.get("/jobs", params={"q": f"{noise}{w}{noise} {noise}"})
        assert r.status_code == 200, (noise, r.status_code, r.text[:200])
        assert ids(r.json()) == expected, noise


def test_boolean_words_are_plain_terms(client):
    w = word()
    post_job(client, title=f"{w} engineer")
    for q in (f"{w} OR engineer2", f"{w}' OR '1'='1", f"NOT {w}", f"{w} NEAR x"):
        r = client.get("/jobs", params={"q": q})
        assert r.status_code == 200, (q, r.status_code)
        assert r.json()["items"] == [], q
    tagged = post_job(client, title=f"{w} or not", description="near")
    assert ids(search(client, q=f"{w} OR NOT near")) == [sid(tagged)]


def test_punctuation_only_query_has_no_text_condition(client):
    loc = f"Town-{word()}"
    jobs = [post_job(client, location=loc) for _ in range(2)]
    assert ids(search(client, q='"*()', location=loc)) == [sid(j) for j in reversed(jobs)]
