"""The design deliverables: an ADR with the required sections and an OpenAPI document."""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import REQUIRED_OPERATIONS, documented_schema, normalise

SECTIONS = ["Context", "Decision", "Alternatives considered", "Consequences"]


def _sections(markdown: str) -> dict[str, str]:
    out: dict[str, str] = {}
    current = None
    for line in markdown.splitlines():
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            current = m.group(1).strip().lower()
            out[current] = ""
        elif current is not None:
            out[current] += line + "\n"
    return out


@pytest.mark.critical
def test_adr_has_the_required_sections(client):
    r = client.get("/design/adr")
    assert r.status_code == 200, r.status_code
    ctype = r.headers.get("content-type", "")
    assert ctype.startswith(("text/markdown", "text/plain")), ctype
    sections = _sections(r.text)
    for name in SECTIONS:
        assert name.lower() in sections, f"missing section {name!r}: {list(sections)}"
        words = re.findall(r"\w+", sections[name.lower()])
        assert len(words) >= 15, f"section {name!r} is nearly empty"


@pytest.fixture(scope="module")
def openapi(base_url):
    import httpx

    with httpx.Client(base_url=base_url, timeout=10) as c:
        r = c.get("/design/openapi.json")
    assert r.status_code == 200, r.status_code
    return r.json()


def test_openapi_is_version_3(openapi):
    assert str(openapi.get("openapi", "")).startswith("3."), openapi.get("openapi")
    assert isinstance(openapi.get("paths"), dict)


@pytest.mark.critical
@pytest.mark.parametrize(
    ("method", "path", "status"), REQUIRED_OPERATIONS, ids=[f"{m} {p}" for m, p, _ in REQUIRED_OPERATIONS]
)
def test_operation_documented_with_response_schema(openapi, method, path, status):
    documented = {normalise(p) for p in openapi["paths"]}
    assert path in documented, f"{path} missing from {sorted(documented)}"
    documented_schema(openapi, method, path, status)
