"""Read, Write, Edit and MultiEdit: file tools with Claude Code's read-before-write rule."""

from typing import Any

from harness.agent.builtin.tools.base import Tool, ToolResult, ToolSession, absolute_path
from harness.agent.builtin.tools.edits import (
    EditError,
    EditSpec,
    apply_edits,
    restore_newlines,
    to_lf,
)
from harness.agent.builtin.tools.schema import ToolInputError
from harness.agent.builtin.tools.text import MAX_LINE_CHARS, number_lines, split_lines

READ_WINDOW = 2000
"""Lines Read returns when no `limit` is given."""
READ_MAX_CHARS = 100_000
"""Largest numbered window Read returns (about 25k tokens); beyond it the model must page."""

EMPTY_FILE_NOTE = (
    "<system-reminder>Warning: the file exists but its contents are empty.</system-reminder>"
)
NOT_READ = "File has not been read yet. Read it with the Read tool before writing to it: {path}"


async def _current_bytes(session: ToolSession, path: str) -> bytes | None:
    """The file's bytes, None if it does not exist; a directory is the model's mistake."""
    try:
        return await session.sandbox.read_file(path)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ToolInputError(
            f"{path} is a directory, not a file. Use LS or Bash `ls` to list a directory."
        ) from None


def _decode(path: str, data: bytes) -> str:
    if b"\0" in data[:8192]:
        raise ToolInputError(
            f"{path} appears to be a binary file; this tool reads text files only."
        )
    return data.decode("utf-8", errors="replace")


def _missing(session: ToolSession, path: str) -> ToolInputError:
    return ToolInputError(
        f"File does not exist: {path} (current working directory: {session.current_dir})"
    )


async def read(session: ToolSession, args: dict[str, Any]) -> ToolResult:
    path = absolute_path(args["file_path"], param="file_path", cwd=session.current_dir)
    offset: int = args.get("offset", 1)
    data = await _current_bytes(session, path)
    if data is None:
        raise _missing(session, path)
    text = _decode(path, data)
    window = number_lines(text, offset, args.get("limit", READ_WINDOW))
    if len(window.text) > READ_MAX_CHARS:
        raise ToolInputError(
            f"Lines {window.first}-{window.last} of {path} are {len(window.text)} characters,"
            f" over the {READ_MAX_CHARS}-character limit for one read. Use offset and limit to"
            " read a smaller part, or Grep to find what you need."
        )
    session.read_paths.add(path)
    if not text:
        return ToolResult(EMPTY_FILE_NOTE)
    if window.first > window.total:
        return ToolResult(
            "<system-reminder>Warning: the file exists but is shorter than the provided offset"
            f" ({offset}). The file has {window.total} lines.</system-reminder>"
        )
    if window.last < window.total:
        return ToolResult(
            f"{window.text}\n\n<system-reminder>Showing lines {window.first}-{window.last} of"
            f" {window.total}. Use offset and limit to read more.</system-reminder>"
        )
    return ToolResult(window.text)


async def write(session: ToolSession, args: dict[str, Any]) -> ToolResult:
    path = absolute_path(args["file_path"], param="file_path", cwd=session.current_dir)
    existed = path in session.read_paths
    if not existed:
        existed = await _current_bytes(session, path) is not None
        if existed:
            raise ToolInputError(NOT_READ.format(path=path))
    await session.sandbox.write_file(path, args["content"].encode())
    session.read_paths.add(path)
    verb = "updated" if existed else "created"
    return ToolResult(f"File {verb} successfully at: {path}")


async def edit(session: ToolSession, args: dict[str, Any]) -> ToolResult:
    path = absolute_path(args["file_path"], param="file_path", cwd=session.current_dir)
    spec = EditSpec(args["old_string"], args["new_string"], args.get("replace_all", False))
    return await _edit_file(session, path, [spec])


async def multi_edit(session: ToolSession, args: dict[str, Any]) -> ToolResult:
    path = absolute_path(args["file_path"], param="file_path", cwd=session.current_dir)
    specs = [
        EditSpec(e["old_string"], e["new_string"], e.get("replace_all", False))
        for e in args["edits"]
    ]
    return await _edit_file(session, path, specs)


async def _edit_file(session: ToolSession, path: str, specs: list[EditSpec]) -> ToolResult:
    """Apply `specs` in memory, then write once: all edits land or none do."""
    data = await _current_bytes(session, path)
    if data is None and specs[0].old_string != "":
        raise _missing(session, path)
    if data is not None and path not in session.read_paths:
        raise ToolInputError(NOT_READ.format(path=path))
    current = "" if data is None else _decode(path, data)
    crlf = "\r\n" in current
    lf_specs = [EditSpec(to_lf(s.old_string), to_lf(s.new_string), s.replace_all) for s in specs]
    try:
        outcome = apply_edits(to_lf(current), lf_specs)
    except EditError as e:
        raise ToolInputError(str(e)) from None
    await session.sandbox.write_file(path, restore_newlines(outcome.content, crlf).encode())
    session.read_paths.add(path)
    if data is None:
        return ToolResult(f"Created {path} ({len(split_lines(outcome.content))} lines).")
    plural = "" if outcome.replacements == 1 else "s"
    edits = f" with {len(specs)} edits" if len(specs) > 1 else ""
    return ToolResult(
        f"The file {path} has been updated{edits} ({outcome.replacements} replacement{plural})."
    )


_PATH_PROP = {"type": "string", "description": "Absolute path of the file."}
_EDIT_PROPS: dict[str, Any] = {
    "old_string": {"type": "string", "description": "Exact text to replace."},
    "new_string": {
        "type": "string",
        "description": "Replacement text; must differ from old_string.",
    },
    "replace_all": {
        "type": "boolean",
        "description": "Replace every occurrence instead of requiring exactly one (default false).",
    },
}

READ = Tool(
    name="Read",
    description=(
        "Read a text file in the workspace. `file_path` must be absolute. Returns up to"
        f" {READ_WINDOW} lines from the start (or from `offset`, a 1-based line number, for"
        " `limit` lines), numbered like `cat -n`: the line number, a tab, then the line. The"
        " numbers are not part of the file: leave them out of Edit strings. Lines longer than"
        f" {MAX_LINE_CHARS} characters are cut. Reading a file is required before Write or Edit"
        " may change it. Directories cannot be read; use LS or Bash for them."
    ),
    input_schema={
        "type": "object",
        "properties": {
            "file_path": _PATH_PROP,
            "offset": {"type": "integer", "minimum": 0, "description": "1-based line to start at."},
            "limit": {"type": "integer", "minimum": 1, "description": "Number of lines to read."},
        },
        "required": ["file_path"],
        "additionalProperties": False,
    },
    handler=read,
)

WRITE = Tool(
    name="Write",
    description=(
        "Create a file or overwrite it entirely with `content`. `file_path` must be absolute;"
        " missing parent folders are created. An existing file must have been read with Read"
        " in this session first. Prefer Edit for changing part of an existing file."
    ),
    input_schema={
        "type": "object",
        "properties": {
            "file_path": _PATH_PROP,
            "content": {"type": "string", "description": "The full new content of the file."},
        },
        "required": ["file_path", "content"],
        "additionalProperties": False,
    },
    handler=write,
)

EDIT = Tool(
    name="Edit",
    description=(
        "Replace exact text in a file. `file_path` must be absolute and the file must have been"
        " read with Read in this session. `old_string` must match the file exactly (indentation"
        " included, without Read's line-number prefix) and occur exactly once, unless"
        " `replace_all` is true. `new_string` must differ from `old_string`. An empty"
        " `old_string` on a file that does not exist creates it with `new_string`."
    ),
    input_schema={
        "type": "object",
        "properties": {"file_path": _PATH_PROP, **_EDIT_PROPS},
        "required": ["file_path", "old_string", "new_string"],
        "additionalProperties": False,
    },
    handler=edit,
)

MULTI_EDIT = Tool(
    name="MultiEdit",
    description=(
        "Apply several Edit-style replacements to one file in a single step. Edits run in"
        " order, each on the result of the previous one, and are atomic: if any edit fails,"
        " the file is left unchanged. Each edit follows Edit's rules (exact match, unique"
        " unless replace_all). The file must have been read first; if it does not exist, a"
        " first edit with an empty `old_string` creates it. `file_path` must be absolute."
    ),
    input_schema={
        "type": "object",
        "properties": {
            "file_path": _PATH_PROP,
            "edits": {
                "type": "array",
                "minItems": 1,
                "description": "Replacements to apply in order.",
                "items": {
                    "type": "object",
                    "properties": _EDIT_PROPS,
                    "required": ["old_string", "new_string"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["file_path", "edits"],
        "additionalProperties": False,
    },
    handler=multi_edit,
)
