"""The ADR is served as Markdown with the four required sections, each with real content."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import MIN_WORDS, SECTIONS, adr_sections, section_bodies, words


@pytest.fixture
def adr(client):
    r = client.get("/design/adr")
    assert r.status_code == 200, r.status_code
    ctype = r.headers.get("content-type", "")
    assert ctype.startswith(("text/markdown", "text/plain")), ctype
    return r.text


@pytest.mark.critical
def test_adr_has_the_sections_in_order(adr):
    headings = [h for h, _ in adr_sections(adr)]
    found = [h for h in headings if h in SECTIONS]
    assert sorted(set(found), key=SECTIONS.index) == SECTIONS, headings
    assert [found.index(s) for s in SECTIONS] == sorted(found.index(s) for s in SECTIONS), headings


@pytest.mark.parametrize("section", SECTIONS)
def test_adr_section_has_content(adr, section):
    body = section_bodies(adr).get(section)
    assert body is not None, f"no {section!r} section"
    assert words(body) >= MIN_WORDS, f"{section!r} has {words(body)} words"
