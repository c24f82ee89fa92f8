from pathlib import Path
from typing import Any

import pytest

from harness.agent.builtin.tools import ToolSession

from .conftest import Call

# --- Read ---------------------------------------------------------------------------------


def test_read_numbers_lines_and_records_the_path(
    call: Call, ws: Path, session: ToolSession
) -> None:
    (ws / "a.py").write_text("import os\n\nprint(os.sep)\n")
    result = call("Read", {"file_path": f"{ws}/a.py"})
    assert result.is_error is False
    assert result.content == "     1\timport os\n     2\t\n     3\tprint(os.sep)"
    assert session.read_paths == {f"{ws}/a.py"}


def test_read_default_window_is_2000_lines(call: Call, ws: Path) -> None:
    (ws / "big.txt").write_text("".join(f"{i}\n" for i in range(1, 2501)))
    result = call("Read", {"file_path": f"{ws}/big.txt"})
    lines = result.content.split("\n")
    assert lines[0] == "     1\t1"
    assert lines[1999] == "  2000\t2000"
    assert "  2001\t2001" not in lines
    assert result.content.endswith(
        "<system-reminder>Showing lines 1-2000 of 2500. Use offset and limit to read more."
        "</system-reminder>"
    )


def test_read_offset_and_limit(call: Call, ws: Path) -> None:
    (ws / "f.txt").write_text("a\nb\nc\nd\ne\n")
    result = call("Read", {"file_path": f"{ws}/f.txt", "offset": 2, "limit": 2})
    assert result.content.split("\n\n")[0] == "     2\tb\n     3\tc"
    assert call("Read", {"file_path": f"{ws}/f.txt", "offset": 4}).content == (
        "     4\td\n     5\te"
    )


def test_read_offset_past_the_end_warns(call: Call, ws: Path) -> None:
    (ws / "f.txt").write_text("a\nb\n")
    result = call("Read", {"file_path": f"{ws}/f.txt", "offset": 10})
    assert result.is_error is False
    assert "shorter than the provided offset (10). The file has 2 lines." in result.content


def test_read_truncates_long_lines(call: Call, ws: Path) -> None:
    (ws / "long.txt").write_text("y" * 2500 + "\nshort\n")
    result = call("Read", {"file_path": f"{ws}/long.txt"})
    first, second = result.content.split("\n")
    assert first == "     1\t" + "y" * 2000 + "... [line truncated, 500 more characters]"
    assert second == "     2\tshort"


def test_read_empty_file_gives_a_reminder(call: Call, ws: Path, session: ToolSession) -> None:
    (ws / "empty.txt").write_text("")
    result = call("Read", {"file_path": f"{ws}/empty.txt"})
    assert result.is_error is False
    assert result.content == (
        "<system-reminder>Warning: the file exists but its contents are empty.</system-reminder>"
    )
    assert f"{ws}/empty.txt" in session.read_paths


def test_read_errors(call: Call, ws: Path, session: ToolSession) -> None:
    (ws / "sub").mkdir()
    (ws / "bin.dat").write_bytes(b"\x00\x01\x02")
    directory = call("Read", {"file_path": f"{ws}/sub"})
    assert directory.is_error is True
    assert directory.content.startswith(f"{ws}/sub is a directory, not a file.")
    missing = call("Read", {"file_path": f"{ws}/nope.txt"})
    assert missing.is_error is True
    assert missing.content.startswith(f"File does not exist: {ws}/nope.txt")
    binary = call("Read", {"file_path": f"{ws}/bin.dat"})
    assert binary.is_error is True
    assert "binary" in binary.content
    assert session.read_paths == set()


def test_read_refuses_oversized_windows(call: Call, ws: Path) -> None:
    (ws / "wide.txt").write_text(("z" * 100 + "\n") * 2000)
    result = call("Read", {"file_path": f"{ws}/wide.txt"})
    assert result.is_error is True
    assert "over the 100000-character limit" in result.content
    assert call("Read", {"file_path": f"{ws}/wide.txt", "limit": 100}).is_error is False


def test_relative_paths_are_rejected(call: Call, ws: Path) -> None:
    (ws / "a.txt").write_text("x\n")
    cases: list[tuple[str, dict[str, Any]]] = [
        ("Read", {"file_path": "a.txt"}),
        ("Write", {"file_path": "a.txt", "content": ""}),
        ("Edit", {"file_path": "./a.txt", "old_string": "x", "new_string": "y"}),
        ("MultiEdit", {"file_path": "a.txt", "edits": [{"old_string": "x", "new_string": "y"}]}),
        ("Grep", {"pattern": "x", "path": "src"}),
        ("Glob", {"pattern": "*", "path": "src"}),
        ("LS", {"path": "src"}),
    ]
    for name, args in cases:
        result = call(name, args)
        assert result.is_error is True, name
        assert "must be an absolute path" in result.content, name
    assert call("Read", {"file_path": "a.txt"}).content == (
        f"`file_path` must be an absolute path, not 'a.txt' (did you mean '{ws}/a.txt'?)"
    )
    assert (ws / "a.txt").read_text() == "x\n"


def test_missing_argument_is_an_error_result(call: Call) -> None:
    result = call("Read", {})
    assert result.is_error is True
    assert result.content == (
        "Invalid input for Read: missing required parameter `file_path` in input"
    )


# --- Write --------------------------------------------------------------------------------


def test_write_creates_new_files_and_parents(call: Call, ws: Path) -> None:
    result = call("Write", {"file_path": f"{ws}/new/dir/f.txt", "content": "hello\n"})
    assert result.is_error is False
    assert result.content == f"File created successfully at: {ws}/new/dir/f.txt"
    assert (ws / "new/dir/f.txt").read_text() == "hello\n"


def test_write_to_existing_file_needs_a_read(call: Call, ws: Path) -> None:
    (ws / "f.txt").write_text("old\n")
    refused = call("Write", {"file_path": f"{ws}/f.txt", "content": "new\n"})
    assert refused.is_error is True
    assert refused.content.startswith("File has not been read yet.")
    assert (ws / "f.txt").read_text() == "old\n"
    call("Read", {"file_path": f"{ws}/f.txt"})
    written = call("Write", {"file_path": f"{ws}/f.txt", "content": "new\n"})
    assert written.content == f"File updated successfully at: {ws}/f.txt"
    assert (ws / "f.txt").read_text() == "new\n"


def test_written_file_can_be_edited_without_reading(call: Call, ws: Path) -> None:
    call("Write", {"file_path": f"{ws}/f.txt", "content": "a\n"})
    result = call("Edit", {"file_path": f"{ws}/f.txt", "old_string": "a", "new_string": "b"})
    assert result.is_error is False
    assert (ws / "f.txt").read_text() == "b\n"


def test_write_to_a_directory_is_an_error(call: Call, ws: Path) -> None:
    (ws / "d").mkdir()
    result = call("Write", {"file_path": f"{ws}/d", "content": "x"})
    assert result.is_error is True
    assert "is a directory" in result.content


# --- Edit ---------------------------------------------------------------------------------


@pytest.fixture
def code(call: Call, ws: Path) -> str:
    """A file with a repeated line, already read in the session."""
    (ws / "code.py").write_text("x = 1\ny = 2\nx = 1\n")
    call("Read", {"file_path": f"{ws}/code.py"})
    return f"{ws}/code.py"


def test_edit_requires_a_read(call: Call, ws: Path) -> None:
    (ws / "f.txt").write_text("a\n")
    result = call("Edit", {"file_path": f"{ws}/f.txt", "old_string": "a", "new_string": "b"})
    assert result.is_error is True
    assert result.content.startswith("File has not been read yet.")
    assert (ws / "f.txt").read_text() == "a\n"


def test_edit_unique_string(call: Call, ws: Path, code: str) -> None:
    result = call("Edit", {"file_path": code, "old_string": "y = 2", "new_string": "y = 3"})
    assert result.content == f"The file {code} has been updated (1 replacement)."
    assert (ws / "code.py").read_text() == "x = 1\ny = 3\nx = 1\n"


def test_edit_not_unique_unless_replace_all(call: Call, ws: Path, code: str) -> None:
    refused = call("Edit", {"file_path": code, "old_string": "x = 1", "new_string": "x = 0"})
    assert refused.is_error is True
    assert refused.content.startswith("Found 2 matches of the string to replace")
    assert (ws / "code.py").read_text() == "x = 1\ny = 2\nx = 1\n"
    args = {"file_path": code, "old_string": "x = 1", "new_string": "x = 0", "replace_all": True}
    assert call("Edit", args).content == f"The file {code} has been updated (2 replacements)."
    assert (ws / "code.py").read_text() == "x = 0\ny = 2\nx = 0\n"


def test_edit_not_found_and_same_string(call: Call, code: str) -> None:
    missing = call("Edit", {"file_path": code, "old_string": "zzz", "new_string": "q"})
    assert missing.is_error is True
    assert missing.content == "String to replace not found in file.\nString: zzz"
    same = call("Edit", {"file_path": code, "old_string": "y = 2", "new_string": "y = 2"})
    assert same.is_error is True
    assert same.content.startswith("No changes to make")


def test_edit_creates_a_file_with_empty_old_string(call: Call, ws: Path) -> None:
    args = {"file_path": f"{ws}/n.txt", "old_string": "", "new_string": "a\nb\n"}
    assert call("Edit", args).content == f"Created {ws}/n.txt (2 lines)."
    assert (ws / "n.txt").read_text() == "a\nb\n"


def test_edit_missing_file(call: Call, ws: Path) -> None:
    result = call("Edit", {"file_path": f"{ws}/no.txt", "old_string": "a", "new_string": "b"})
    assert result.is_error is True
    assert result.content.startswith(f"File does not exist: {ws}/no.txt")


def test_edit_keeps_crlf_line_endings(call: Call, ws: Path) -> None:
    (ws / "w.txt").write_bytes(b"one\r\ntwo\r\n")
    call("Read", {"file_path": f"{ws}/w.txt"})
    args = {"file_path": f"{ws}/w.txt", "old_string": "one\ntwo", "new_string": "1\n2"}
    assert call("Edit", args).is_error is False
    assert (ws / "w.txt").read_bytes() == b"1\r\n2\r\n"


# --- MultiEdit ----------------------------------------------------------------------------


def test_multi_edit_applies_in_sequence(call: Call, ws: Path, code: str) -> None:
    edits = [
        {"old_string": "y = 2", "new_string": "y = 20"},
        {"old_string": "y = 20", "new_string": "y = 200"},
        {"old_string": "x = 1", "new_string": "x = 9", "replace_all": True},
    ]
    result = call("MultiEdit", {"file_path": code, "edits": edits})
    assert result.content == f"The file {code} has been updated with 3 edits (4 replacements)."
    assert (ws / "code.py").read_text() == "x = 9\ny = 200\nx = 9\n"


def test_multi_edit_is_atomic(call: Call, ws: Path, code: str) -> None:
    edits = [
        {"old_string": "y = 2", "new_string": "y = 3"},
        {"old_string": "not there", "new_string": "q"},
    ]
    result = call("MultiEdit", {"file_path": code, "edits": edits})
    assert result.is_error is True
    assert result.content.startswith("Edit 2 of 2 failed, nothing was changed: String to replace")
    assert (ws / "code.py").read_text() == "x = 1\ny = 2\nx = 1\n"


def test_multi_edit_creates_a_file(call: Call, ws: Path) -> None:
    edits = [
        {"old_string": "", "new_string": "def f():\n    return 1\n"},
        {"old_string": "return 1", "new_string": "return 2"},
    ]
    result = call("MultiEdit", {"file_path": f"{ws}/m.py", "edits": edits})
    assert result.content == f"Created {ws}/m.py (2 lines)."
    assert (ws / "m.py").read_text() == "def f():\n    return 2\n"


def test_multi_edit_refusals(call: Call, ws: Path) -> None:
    (ws / "f.txt").write_text("a\n")
    one = [{"old_string": "a", "new_string": "b"}]
    unread = call("MultiEdit", {"file_path": f"{ws}/f.txt", "edits": one})
    assert unread.content.startswith("File has not been read yet.")
    empty = call("MultiEdit", {"file_path": f"{ws}/f.txt", "edits": []})
    assert empty.content == "Invalid input for MultiEdit: `edits` must have at least 1 item(s)"
    missing = call("MultiEdit", {"file_path": f"{ws}/none.txt", "edits": one})
    assert missing.content.startswith(f"File does not exist: {ws}/none.txt")
    assert (ws / "f.txt").read_text() == "a\n"
    assert not (ws / "none.txt").exists()
