"""Pure string-replacement edits, as Edit and MultiEdit apply them."""

from collections.abc import Sequence
from dataclasses import dataclass


class EditError(ValueError):
    """An edit that cannot be applied; the message is written for the model."""


@dataclass(frozen=True)
class EditSpec:
    old_string: str
    new_string: str
    replace_all: bool = False


@dataclass(frozen=True)
class EditOutcome:
    content: str
    replacements: int


def apply_edit(content: str, edit: EditSpec) -> EditOutcome:
    """`content` with `edit` applied. An empty `old_string` only fills an empty file."""
    old, new = edit.old_string, edit.new_string
    if old == new:
        raise EditError("No changes to make: old_string and new_string are exactly the same.")
    if old == "":
        if content:
            raise EditError(
                "old_string is empty, which only creates a new file, but the file already has"
                " content. Give the exact text to replace."
            )
        return EditOutcome(content=new, replacements=1)
    count = content.count(old)
    if count == 0:
        raise EditError(f"String to replace not found in file.\nString: {old}")
    if count > 1 and not edit.replace_all:
        raise EditError(
            f"Found {count} matches of the string to replace, but replace_all is false. Set"
            " replace_all to true to replace every occurrence, or add surrounding context to"
            f" old_string so it matches exactly once.\nString: {old}"
        )
    return EditOutcome(content=content.replace(old, new), replacements=count)


def apply_edits(content: str, edits: Sequence[EditSpec]) -> EditOutcome:
    """All `edits` applied in order, each to the previous result; the error names the failed one."""
    total = 0
    for index, edit in enumerate(edits, start=1):
        try:
            outcome = apply_edit(content, edit)
        except EditError as e:
            if len(edits) == 1:
                raise
            raise EditError(f"Edit {index} of {len(edits)} failed, nothing was changed: {e}") from e
        content, total = outcome.content, total + outcome.replacements
    return EditOutcome(content=content, replacements=total)


def to_lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def restore_newlines(text: str, crlf: bool) -> str:
    """`text` (LF) written back with the file's original CRLF line endings when it had them."""
    return text.replace("\n", "\r\n") if crlf else text
