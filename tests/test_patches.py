"""Patches (mutants and equivalents): parsed and applied exactly, on literal `diff -ruN` output."""

import pytest

from harness.tasks.patches import PatchError, apply_patch, concerns_of, parse_patch

BEFORE = {
    "app/main.py": b"".join(b"l%d\n" % i for i in range(1, 13)),
    "app/old.py": b"gone\n",
    "app/tail.py": b"x\ny",
    "app/same.py": b"untouched\n",
}
PATCH = """\
Two lines of main.py changed, a file added, one deleted, one given its last newline.
Concerns: contract

diff -ruN a/app/main.py b/app/main.py
--- a/app/main.py	2026-12-07 18:20:59.123039846 +0000
+++ b/app/main.py	2026-12-07 18:20:59.127039846 +0000
@@ -1,5 +1,5 @@
 l1
-l2
+L2
 l3
 l4
 l5
@@ -8,5 +8,5 @@
 l8
 l9
 l10
-l11
+L11
 l12
diff -ruN a/app/new.py b/app/new.py
--- a/app/new.py	1970-01-01 00:00:00.000000000 +0000
+++ b/app/new.py	2026-12-07 18:20:59.127039846 +0000
@@ -0,0 +1,2 @@
+new1
+new2
\\ No newline at end of file
diff -ruN a/app/old.py b/app/old.py
--- a/app/old.py	2026-12-07 18:20:59.127039846 +0000
+++ b/app/old.py	1970-01-01 00:00:00.000000000 +0000
@@ -1 +0,0 @@
-gone
diff -ruN a/app/tail.py b/app/tail.py
--- a/app/tail.py	2026-12-07 18:20:59.127039846 +0000
+++ b/app/tail.py	2026-12-07 18:20:59.127039846 +0000
@@ -1,2 +1,2 @@
 x
-y
\\ No newline at end of file
+z
"""


def test_modify_add_delete_and_the_last_newline() -> None:
    after = apply_patch(BEFORE, PATCH, "m.patch")
    assert after["app/main.py"] == BEFORE["app/main.py"].replace(b"l2\n", b"L2\n").replace(
        b"l11\n", b"L11\n"
    )
    assert after["app/new.py"] == b"new1\nnew2"
    assert "app/old.py" not in after
    assert after["app/tail.py"] == b"x\nz\n"
    assert after["app/same.py"] == b"untouched\n"
    assert BEFORE["app/old.py"] == b"gone\n"  # the input is not changed


def test_description_is_every_line_before_the_first_diff() -> None:
    patch = parse_patch(PATCH)
    assert patch.description.splitlines()[0].startswith("Two lines of main.py changed")
    assert concerns_of(patch.description) == "contract"
    assert [f.path for f in patch.files] == [
        "app/main.py",
        "app/new.py",
        "app/old.py",
        "app/tail.py",
    ]
    assert [f.deletes for f in patch.files] == [False, False, True, False]
    assert len(patch.files[0].hunks) == 2


def test_a_hunk_applies_where_its_lines_moved_but_never_fuzzed() -> None:
    moved = {**BEFORE, "app/main.py": b"added above\n" + BEFORE["app/main.py"]}
    assert apply_patch(moved, PATCH)["app/main.py"].startswith(b"added above\nl1\nL2\n")
    drifted = {**BEFORE, "app/main.py": BEFORE["app/main.py"].replace(b"l10\n", b"l10 \n")}
    with pytest.raises(PatchError, match=r"m.patch: hunk 2 of app/main.py \(at line 8\)"):
        apply_patch(drifted, PATCH, "m.patch")


def test_a_missing_file_or_a_short_hunk_is_an_error_naming_the_patch() -> None:
    with pytest.raises(PatchError, match=r"m\.patch: app/tail\.py is not in solution/"):
        apply_patch({k: v for k, v in BEFORE.items() if k != "app/tail.py"}, PATCH, "m.patch")
    short = PATCH.replace("@@ -1,2 +1,2 @@", "@@ -1,3 +1,3 @@")
    with pytest.raises(
        PatchError, match=r"m\.patch: app/tail\.py: @@ -1,3 \+1,3 @@: hunk is short"
    ):
        apply_patch(BEFORE, short, "m.patch")
    with pytest.raises(PatchError, match="no file diffs"):
        apply_patch(BEFORE, "just words\n", "m.patch")


def test_git_style_dev_null_sides() -> None:
    text = (
        "--- /dev/null\n+++ b/app/x.py\n@@ -0,0 +1 @@\n+hi\n"
        "--- a/app/old.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n"
    )
    after = apply_patch(BEFORE, text)
    assert after["app/x.py"] == b"hi\n" and "app/old.py" not in after


def test_concerns_must_be_one_of_the_three_bits() -> None:
    assert concerns_of("flaw\nConcerns: security\n") == "security"
    assert concerns_of("flaw\nconcerns:  performance") == "performance"
    assert concerns_of("flaw\nConcerns: style") is None
    assert concerns_of("no line at all") is None
