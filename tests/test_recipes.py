"""Image recipes: apt source parsing and content-hashed tags. Pure."""

import re

import pytest

from harness.images.recipes import (
    PROBER_DOCKERFILE,
    RUNTIME_DOCKERFILE,
    AptSource,
    base_tag,
    child_tag,
    lock_text,
    parse_apt_sources,
    recipe_hash,
)

DEBIAN = AptSource("http://deb.debian.org/debian", "bookworm")

SECURITY_FIRST = """\
Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
"""

COMMENTED_HEADER = """\
# Modernized from /etc/apt/sources.list
Types: deb
URIs: http://deb.debian.org/debian # the main archive
Suites: bookworm bookworm-updates
Components: main
"""

SUITES_BEFORE_URIS = """\
Types: deb
Suites: bookworm
URIs: http://deb.debian.org/debian
"""


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(SECURITY_FIRST, id="security-stanza-first"),
        pytest.param(COMMENTED_HEADER, id="comment-header-and-trailing"),
        pytest.param(SUITES_BEFORE_URIS, id="suites-before-uris"),
        pytest.param(
            "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
            "http://deb.debian.org/debian bookworm main\n",
            id="one-line-signed-by",
        ),
        pytest.param(
            "# comment\n"
            "deb http://security.debian.org/debian-security bookworm-security main\n"
            "deb-src http://deb.debian.org/debian bookworm main\n"
            "deb [arch=amd64 signed-by=/k.gpg] http://deb.debian.org/debian bookworm main\n",
            id="one-line-security-and-src-first",
        ),
    ],
)
def test_first_non_security_archive(text: str) -> None:
    assert parse_apt_sources(text) == DEBIAN


def test_comment_inside_stanza_does_not_end_it() -> None:
    text = "Types: deb\nURIs: http://deb.debian.org/debian\n# pinned\nSuites: bookworm\n"

    assert parse_apt_sources(text) == DEBIAN


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("# deb http://deb.debian.org/debian bookworm main\n", id="only-comment"),
        pytest.param(
            "Types: deb\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\n",
            id="only-security",
        ),
        pytest.param("Types: deb\nURIs: http://deb.debian.org/debian\n", id="no-suite"),
        pytest.param(
            "URIs: http://deb.debian.org/debian\n\nSuites: bookworm\n", id="split-stanzas"
        ),
    ],
)
def test_nothing_usable_gives_none(text: str) -> None:
    assert parse_apt_sources(text) is None


def test_base_tag_is_stable_and_depends_on_suite() -> None:
    tag = base_tag("bookworm")

    assert re.fullmatch(r"archbench/base:[0-9a-f]{16}", tag)
    assert base_tag("bookworm") == tag
    assert base_tag("trixie") != tag


def test_child_tag_changes_with_each_input() -> None:
    args = ("runtime", "archbench/base:0123", RUNTIME_DOCKERFILE, "fastapi==1.0\n")
    tag = child_tag(*args)

    assert re.fullmatch(r"archbench/runtime:[0-9a-f]{16}", tag)
    assert child_tag(*args) == tag
    assert child_tag("runtime", "archbench/base:0123", RUNTIME_DOCKERFILE, "fastapi==1.1\n") != tag
    assert child_tag("runtime", "archbench/base:4567", RUNTIME_DOCKERFILE, "fastapi==1.0\n") != tag
    assert child_tag("runtime", "archbench/base:0123", PROBER_DOCKERFILE, "fastapi==1.0\n") != tag


def test_recipe_hash_separates_parts() -> None:
    assert recipe_hash("ab", "c") != recipe_hash("a", "bc")


def test_shipped_locks_are_pinned_requirements() -> None:
    for name in ("runtime", "prober"):
        lines = [ln for ln in lock_text(name).splitlines() if ln and not ln.startswith("#")]
        assert lines, name
        assert all("==" in ln for ln in lines), name
