"""Mutants and equivalents as patches: unified diffs (`diff -ruN a b`) against a task's
`solution/`, each preceded by a free-text description.

Parsing and application are pure and exact: a hunk's context must match the file line for line
(it may sit at another line number, as after an edit above it, but nothing is fuzzed). No
library is used: unidiff parses but does not apply, and whatthepatch applies str lines and
loses a missing newline at the end of a file; `diff -ruN` output is simple enough to read here.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from harness.archive import collect_tree
from harness.errors import TaskSpecError

Concerns = Literal["contract", "security", "performance"]
CONCERNS: tuple[str, ...] = get_args(Concerns)
NO_NEWLINE = "\\ No newline at end of file"
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class PatchError(TaskSpecError):
    """A patch that cannot be read or does not apply to the files it is meant for."""


@dataclass(frozen=True)
class Hunk:
    old_start: int
    new_start: int
    old: tuple[bytes, ...]
    """The lines the hunk expects (context and removals), each with its line ending."""
    new: tuple[bytes, ...]
    """The lines it leaves in their place (context and additions)."""


@dataclass(frozen=True)
class FilePatch:
    path: str
    hunks: tuple[Hunk, ...]
    deletes: bool
    """The new side is absent: `+++ /dev/null`, or (diff -N) every hunk leaves `+0,0`."""


@dataclass(frozen=True)
class Patch:
    description: str
    files: tuple[FilePatch, ...]


def _strip_path(header: str) -> str:
    """`--- a/app/main.py\t2026-...` -> "app/main.py" ("/dev/null" stays)."""
    name = header[4:].split("\t", 1)[0].strip()
    return name.split("/", 1)[1] if "/" in name and name != "/dev/null" else name


def _lines(data: bytes) -> list[bytes]:
    """Lines split at \n only, each with its ending (the last may have none)."""
    parts = data.split(b"\n")
    return [p + b"\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _hunk_body(lines: list[str], i: int, old_n: int, new_n: int) -> tuple[list[str], int]:
    """The body lines of one hunk (with its no-newline markers) from lines[i]; next index."""
    body: list[str] = []
    while i < len(lines) and (old_n > 0 or new_n > 0 or lines[i] == NO_NEWLINE):
        line = lines[i] if lines[i] else " "
        if line[0] not in " +-\\":
            break
        old_n -= line[0] in " -"
        new_n -= line[0] in " +"
        body.append(line)
        i += 1
    if old_n or new_n:
        raise ValueError("hunk is shorter than its @@ header says")
    return body, i


def _hunk(match: re.Match[str], body: list[str]) -> Hunk:
    old: list[bytes] = []
    new: list[bytes] = []
    for k, line in enumerate(body):
        if line == NO_NEWLINE:
            continue
        ending = b"" if k + 1 < len(body) and body[k + 1] == NO_NEWLINE else b"\n"
        data = line[1:].encode() + ending
        if line[0] in " -":
            old.append(data)
        if line[0] in " +":
            new.append(data)
    return Hunk(int(match[1]), int(match[3]), tuple(old), tuple(new))


def parse_patch(text: str, source: str = "patch") -> Patch:
    """Read a description and `diff -ruN`-style file diffs. Raises PatchError. Pure."""
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    start = next(
        (i for i, line in enumerate(lines) if line.startswith(("diff ", "--- "))), len(lines)
    )
    files: list[FilePatch] = []
    i = start
    while i < len(lines):
        if not lines[i].startswith("--- "):
            if lines[i].startswith("Binary files"):
                raise PatchError(f"{source}: {lines[i]}; patches hold text files only")
            i += 1
            continue
        if i + 1 >= len(lines) or not lines[i + 1].startswith("+++ "):
            raise PatchError(f"{source}: line {i + 1}: '---' without '+++'; remake the patch")
        path, new_path = _strip_path(lines[i]), _strip_path(lines[i + 1])
        i += 2
        hunks: list[Hunk] = []
        while i < len(lines) and (m := _HUNK.match(lines[i])):
            try:
                body, i = _hunk_body(lines, i + 1, int(m[2] or 1), int(m[4] or 1))
            except ValueError as e:
                raise PatchError(f"{source}: {path}: {m[0]}: {e}; remake the patch") from None
            hunks.append(_hunk(m, body))
        deletes = bool(hunks) and all(h.new_start == 0 and not h.new for h in hunks)
        files.append(FilePatch(path if deletes else new_path, tuple(hunks), deletes))
    if not files:
        raise PatchError(f"{source}: no file diffs found; make it with 'diff -ruN a b'")
    return Patch("\n".join(lines[:start]).strip(), tuple(files))


def _find(lines: list[bytes], hunk: Hunk, expected: int, cursor: int) -> int | None:
    """Where the hunk's old lines stand exactly, nearest to `expected`, not before `cursor`."""
    n = len(hunk.old)
    if n == 0:
        return max(expected, cursor) if expected <= len(lines) else None
    candidates = range(cursor, len(lines) - n + 1)
    matches = [p for p in candidates if tuple(lines[p : p + n]) == hunk.old]
    return min(matches, key=lambda p: abs(p - expected)) if matches else None


def apply_file(data: bytes, patch: FilePatch, source: str = "patch") -> bytes:
    """One file's hunks applied in order. Raises PatchError naming the hunk that failed."""
    lines = _lines(data)
    out: list[bytes] = []
    cursor = offset = 0
    for k, hunk in enumerate(patch.hunks, 1):
        expected = max(hunk.old_start - 1, 0) if hunk.old else hunk.old_start
        at = _find(lines, hunk, expected + offset, cursor)
        if at is None:
            raise PatchError(
                f"{source}: hunk {k} of {patch.path} (at line {hunk.old_start}) does not apply:"
                " its lines are not in the file; remake the patch against solution/"
            )
        out += lines[cursor:at] + list(hunk.new)
        cursor, offset = at + len(hunk.old), at - expected
    return b"".join(out + lines[cursor:])


def apply_patch(
    files: dict[str, bytes], patch_text: str, source: str = "patch"
) -> dict[str, bytes]:
    """`files` (relative path -> bytes) with the patch applied: files changed, added or
    deleted. Exact: raises PatchError naming `source` and the hunk that does not apply. Pure."""
    result = dict(files)
    for fp in parse_patch(patch_text, source).files:
        if fp.path not in result and any(h.old for h in fp.hunks):
            raise PatchError(f"{source}: {fp.path} is not in solution/; remake the patch")
        patched = apply_file(result.get(fp.path, b""), fp, source)
        if fp.deletes and patched:
            raise PatchError(f"{source}: deleting {fp.path} leaves lines; remake the patch")
        if fp.deletes:
            result.pop(fp.path, None)
        else:
            result[fp.path] = patched
    return result


def concerns_of(description: str) -> Concerns | None:
    """The `Concerns: contract|security|performance` line of a description, if any. Pure."""
    for line in description.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "concerns" and value.strip() in CONCERNS:
            return value.strip()  # type: ignore[return-value]
    return None


def read_patch(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PatchError(f"{path}: not UTF-8 text; save it as UTF-8") from None


def patched_tree(base: Path, patch: Path) -> dict[str, bytes]:
    """The files under `base` (a task's solution/) with `patch` applied."""
    return apply_patch(dict(collect_tree(base)), read_patch(patch), str(patch))
