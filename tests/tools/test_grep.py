import os
from pathlib import Path

import pytest

from harness.agent.builtin.tools.grep import (
    BY_MTIME_SCRIPT,
    build_rg_argv,
    format_matches,
    search_argv,
)

from .conftest import Call


def test_build_rg_argv_defaults_to_file_list() -> None:
    assert build_rg_argv({"pattern": "-x"}, "/w") == [
        "rg",
        "--color=never",
        "--hidden",
        "--glob=!.git",
        "--files-with-matches",
        "--regexp",
        "-x",
        "--",
        "/w",
    ]


def test_build_rg_argv_content_mode_options() -> None:
    args = {
        "pattern": "p",
        "output_mode": "content",
        "-C": 2,
        "-n": False,
        "-i": True,
        "multiline": True,
        "glob": "*.py",
        "type": "py",
    }
    assert search_argv(args, "/w") == build_rg_argv(args, "/w")
    assert build_rg_argv(args, "/w")[4:] == [
        "--sort=path",
        "--max-columns=2000",
        "--max-columns-preview",
        "--no-line-number",
        "-C",
        "2",
        "--ignore-case",
        "--multiline",
        "--multiline-dotall",
        "--glob=*.py",
        "--type=py",
        "--regexp",
        "p",
        "--",
        "/w",
    ]


def test_file_list_is_sorted_by_mtime_in_the_sandbox() -> None:
    argv = search_argv({"pattern": "p"}, "/w")
    assert argv[:4] == ["python3", "-I", "-c", BY_MTIME_SCRIPT]
    assert argv[4:] == build_rg_argv({"pattern": "p"}, "/w")


def test_format_matches() -> None:
    assert format_matches("", "content", None) == "No matches found"
    assert format_matches("/a\n/b\n", "files_with_matches", None) == "Found 2 files\n/a\n/b"
    assert format_matches("/a:2\n/b:3\n", "count", None) == (
        "/a:2\n/b:3\n\nFound 5 matching lines in 2 files."
    )
    assert format_matches("1\n2\n3\n", "content", 2) == (
        "1\n2\n(showing the first 2 of 3; raise head_limit to see more)"
    )


@pytest.fixture
def tree(ws: Path) -> Path:
    (ws / "src").mkdir()
    (ws / "src/a.py").write_text("def alpha():\n    return 1\n")
    (ws / "src/b.py").write_text("ALPHA = 2\nbeta = 3\n")
    (ws / "notes.md").write_text("alpha notes\n")
    os.utime(ws / "src/a.py", (1_000_000, 1_000_000))
    os.utime(ws / "src/b.py", (3_000_000, 3_000_000))
    os.utime(ws / "notes.md", (2_000_000, 2_000_000))
    return ws


def test_files_with_matches_newest_first(call: Call, tree: Path) -> None:
    result = call("Grep", {"pattern": "alpha", "-i": True})
    assert result.content == (f"Found 3 files\n{tree}/src/b.py\n{tree}/notes.md\n{tree}/src/a.py")


def test_content_mode_with_line_numbers_and_context(call: Call, tree: Path) -> None:
    result = call("Grep", {"pattern": "^def", "output_mode": "content", "-A": 1})
    assert result.content == f"{tree}/src/a.py:1:def alpha():\n{tree}/src/a.py-2-    return 1"


def test_content_mode_in_one_file(call: Call, tree: Path) -> None:
    args = {"pattern": "beta", "path": f"{tree}/src/b.py", "output_mode": "content"}
    assert call("Grep", args).content == "2:beta = 3"


def test_count_mode(call: Call, tree: Path) -> None:
    result = call("Grep", {"pattern": "a", "output_mode": "count", "type": "py"})
    assert result.content == (
        f"{tree}/src/a.py:1\n{tree}/src/b.py:1\n\nFound 2 matching lines in 2 files."
    )


def test_glob_filter_and_head_limit(call: Call, tree: Path) -> None:
    result = call("Grep", {"pattern": "alpha", "glob": "*.md"})
    assert result.content == f"Found 1 file\n{tree}/notes.md"
    limited = call("Grep", {"pattern": "a", "head_limit": 1})
    assert limited.content == (
        f"Found 3 files\n{tree}/src/b.py\n(showing the first 1 of 3; raise head_limit to see more)"
    )


def test_multiline(call: Call, tree: Path) -> None:
    args = {"pattern": r"alpha\(\):.*return", "multiline": True}
    assert call("Grep", args).content == f"Found 1 file\n{tree}/src/a.py"
    assert call("Grep", {"pattern": r"alpha\(\):.*return"}).content == "No matches found"


def test_no_matches_is_not_an_error(call: Call, tree: Path) -> None:
    result = call("Grep", {"pattern": "zzz"})
    assert result.is_error is False
    assert result.content == "No matches found"


def test_bad_regex_and_missing_path_are_errors(call: Call, tree: Path) -> None:
    bad = call("Grep", {"pattern": "("})
    assert bad.is_error is True
    assert bad.content.startswith("rg failed (exit code 2): ")
    missing = call("Grep", {"pattern": "a", "path": f"{tree}/nope"})
    assert missing.is_error is True
    assert "No such file or directory" in missing.content


def test_grep_follows_the_bash_cwd(call: Call, tree: Path) -> None:
    call("Bash", {"command": "cd src"})
    assert call("Grep", {"pattern": "alpha"}).content == f"Found 1 file\n{tree}/src/a.py"
