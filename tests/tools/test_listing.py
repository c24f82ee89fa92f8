import os
from pathlib import Path

import pytest

from harness.agent.builtin.tools import listing
from harness.agent.builtin.tools.listing import (
    GlobQuery,
    expand_braces,
    format_tree,
    normalize_ignore,
    plan_glob,
)

from .conftest import Call


def test_expand_braces() -> None:
    assert expand_braces("*.py") == ["*.py"]
    assert expand_braces("src/*.{ts,tsx}") == ["src/*.ts", "src/*.tsx"]
    assert expand_braces("{a,b{1,2}}/x") == ["a/x", "b1/x", "b2/x"]
    assert expand_braces("{a}.py") == ["{a}.py"]
    assert expand_braces("x{a,") == ["x{a,"]


def test_plan_glob_handles_absolute_patterns() -> None:
    assert plan_glob("/w/src/*.py", "/w") == GlobQuery(root="/", patterns=["w/src/*.py"])
    assert plan_glob("*.{a,b}", "/w") == GlobQuery(root="/w", patterns=["*.a", "*.b"])
    assert plan_glob("src/**", "/w") == GlobQuery(root="/w", patterns=["src/**/*"])


def test_normalize_ignore() -> None:
    assert [normalize_ignore(p) for p in ["**/node_modules/", "build/", "*.pyc", "/"]] == [
        "node_modules",
        "build",
        "*.pyc",
        "/",
    ]


def test_format_tree() -> None:
    entries = ["b.txt", "a/", "a/z.py", "a/c/", "a/c/d.py"]
    assert format_tree("/w/", entries) == (
        "- /w/\n  - a/\n    - c/\n      - d.py\n    - z.py\n  - b.txt"
    )


def _touch(path: Path, mtime: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    os.utime(path, (mtime, mtime))


def test_glob_sorts_newest_first(call: Call, ws: Path) -> None:
    _touch(ws / "old.py", 1_000_000)
    _touch(ws / "new.py", 3_000_000)
    _touch(ws / "pkg/mid.py", 2_000_000)
    _touch(ws / "readme.md", 4_000_000)
    assert call("Glob", {"pattern": "**/*.py"}).content == (
        f"{ws}/new.py\n{ws}/pkg/mid.py\n{ws}/old.py"
    )
    assert call("Glob", {"pattern": "*.py"}).content == f"{ws}/new.py\n{ws}/old.py"
    assert call("Glob", {"pattern": "*.{md,py}", "path": f"{ws}/pkg"}).content == (
        f"{ws}/pkg/mid.py"
    )
    assert call("Glob", {"pattern": f"{ws}/pkg/*.py"}).content == f"{ws}/pkg/mid.py"
    assert call("Glob", {"pattern": "pkg/**"}).content == f"{ws}/pkg/mid.py"


def test_glob_skips_git_and_folders(call: Call, ws: Path) -> None:
    _touch(ws / ".git/config.py", 1)
    (ws / "dir.py").mkdir()
    assert call("Glob", {"pattern": "**/*.py"}).content == "No files found"


def test_caps_match_claude_code() -> None:
    assert (listing.GLOB_LIMIT, listing.LS_LIMIT) == (100, 1000)


def test_glob_caps_results(call: Call, ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing, "GLOB_LIMIT", 3)
    for i in range(5):
        _touch(ws / f"f{i}.txt", 1_000_000 + i)
    assert call("Glob", {"pattern": "*.txt"}).content == (
        f"{ws}/f4.txt\n{ws}/f3.txt\n{ws}/f2.txt\n"
        "(Showing the 3 most recently modified of 5 files. Use a more specific path or pattern.)"
    )


def test_glob_missing_folder(call: Call, ws: Path) -> None:
    result = call("Glob", {"pattern": "*", "path": f"{ws}/nope"})
    assert result.is_error is True
    assert result.content == f"Directory does not exist: {ws}/nope"


def test_ls_tree_with_ignore(call: Call, ws: Path) -> None:
    for rel in ["src/app.py", "src/app.pyc", "src/__pycache__/x.pyc", ".env", "build/out.o"]:
        _touch(ws / rel, 1)
    _touch(ws / "README.md", 1)
    result = call("LS", {"path": str(ws), "ignore": ["*.pyc", "**/build/"]})
    assert result.content == f"- {ws}/\n  - README.md\n  - src/\n    - app.py"


def test_ls_caps_entries_breadth_first(
    call: Call, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "LS_LIMIT", 3)
    for rel in ["a/deep/x", "b", "c", "d"]:
        _touch(ws / rel, 1)
    assert call("LS", {"path": str(ws)}).content == (
        f"There are more than 3 entries under {ws}; the first 3 (breadth first) are shown."
        " Use LS on a subfolder, Glob or Bash to see more.\n\n"
        f"- {ws}/\n  - a/\n  - b\n  - c"
    )


def test_ls_errors(call: Call, ws: Path) -> None:
    (ws / "f.txt").write_text("")
    assert call("LS", {"path": f"{ws}/f.txt"}).content == f"Not a directory: {ws}/f.txt"
    assert call("LS", {"path": f"{ws}/no"}).content == f"Path does not exist: {ws}/no"
