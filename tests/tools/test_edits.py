import pytest

from harness.agent.builtin.tools.edits import (
    EditError,
    EditOutcome,
    EditSpec,
    apply_edit,
    apply_edits,
    restore_newlines,
    to_lf,
)


def test_unique_match_is_replaced() -> None:
    assert apply_edit("a = 1\nb = 2\n", EditSpec("b = 2", "b = 3")) == EditOutcome(
        "a = 1\nb = 3\n", 1
    )


def test_not_found() -> None:
    with pytest.raises(EditError, match=r"String to replace not found in file\.\nString: zzz"):
        apply_edit("abc", EditSpec("zzz", "y"))


def test_multiple_matches_need_replace_all() -> None:
    with pytest.raises(EditError, match="Found 3 matches of the string to replace"):
        apply_edit("x x x", EditSpec("x", "y"))
    assert apply_edit("x x x", EditSpec("x", "y", replace_all=True)) == EditOutcome("y y y", 3)


def test_same_strings_are_refused() -> None:
    with pytest.raises(EditError, match="No changes to make"):
        apply_edit("abc", EditSpec("b", "b"))


def test_empty_old_string_only_fills_an_empty_file() -> None:
    assert apply_edit("", EditSpec("", "new\n")) == EditOutcome("new\n", 1)
    with pytest.raises(EditError, match="old_string is empty"):
        apply_edit("existing", EditSpec("", "new"))


def test_edits_apply_in_sequence() -> None:
    edits = [EditSpec("one", "two"), EditSpec("two", "three"), EditSpec("z", "Z", True)]
    assert apply_edits("one z z", edits) == EditOutcome("three Z Z", 4)


def test_failed_edit_is_named() -> None:
    with pytest.raises(EditError, match=r"^Edit 2 of 2 failed, nothing was changed: String"):
        apply_edits("abc", [EditSpec("a", "A"), EditSpec("q", "Q")])


def test_single_edit_error_has_no_prefix() -> None:
    with pytest.raises(EditError, match=r"^String to replace not found"):
        apply_edits("abc", [EditSpec("q", "Q")])


def test_newline_round_trip() -> None:
    assert to_lf("a\r\nb\r\n") == "a\nb\n"
    assert restore_newlines("a\nb\n", crlf=True) == "a\r\nb\r\n"
    assert restore_newlines("a\nb\n", crlf=False) == "a\nb\n"
