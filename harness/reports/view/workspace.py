"""The final workspace as a diff: against the task's starter (tasks/<id>/workspace plus
tests/visible, the files the agent was given) or against another sample's workspace.
"""

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from harness.archive import collect_tree
from harness.reports.view.records import RunView
from harness.reports.view.tarread import Member
from harness.tasks.spec import hash_tree

DIFF_LINES_IN = 5_000
"""Lines of each side that are diffed; the rest is counted, not compared."""
DIFF_LINES_OUT = 2_000
ChangeKind = Literal["added", "changed", "deleted"]
_TASK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}")


@dataclass(frozen=True)
class Starter:
    """The files a task's agent started with, or None when the task folder was not found."""

    files: dict[str, Member] | None
    source: str
    warning: str = ""
    root: Path | None = None


@dataclass
class StarterFinder:
    """Finds each task's folder once, in the folders given, in order."""

    folders: list[Path]
    hashes: dict[str, str]
    _cache: dict[str, Starter] = field(default_factory=dict)

    def starter(self, task_id: str) -> Starter:
        if task_id not in self._cache:
            self._cache[task_id] = self._find(task_id)
        return self._cache[task_id]

    def _find(self, task_id: str) -> Starter:
        looked = ", ".join(str(f) for f in self.folders) or "nowhere"
        if not _TASK_ID.fullmatch(task_id):
            return Starter(None, f"task id {task_id!r} is not a folder name")
        root = next(
            (f / task_id for f in self.folders if (f / task_id / "task.toml").is_file()), None
        )
        if root is None:
            return Starter(None, f"no task folder {task_id}/ found (looked in {looked})")
        files = collect_tree(root / "workspace") + collect_tree(
            root / "tests" / "visible", "tests/visible"
        )
        warning = ""
        want = self.hashes.get(task_id)
        if want and hash_tree(root) != want:
            warning = f"{root} has changed since the run (content hash differs)"
        members = {rel: Member(rel, "file", len(data), data) for rel, data in files}
        return Starter(members, f"{root} (workspace/ + tests/visible/)", warning, root)


def starter_finder(view: RunView, tasks_dir: Path | None) -> StarterFinder:
    """Task folders to look in: --tasks-dir, the run's own tasks folder (as recorded), tasks/
    beside the results folder's parent, tasks/ here."""
    recorded = str(view.run.request.get("tasks_dir") or "")
    candidates = [
        tasks_dir,
        Path(recorded) if recorded else None,
        view.run_dir.resolve().parent.parent / "tasks",
        Path("tasks"),
    ]
    folders: list[Path] = []
    for c in candidates:
        if c is not None and c.is_dir() and all(not _same(c, f) for f in folders):
            folders.append(c)
    return StarterFinder(folders, {t.id: t.content_hash for t in view.run.tasks})


def _same(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


@dataclass(frozen=True)
class FileDiff:
    path: str
    kind: ChangeKind
    lines: list[str]
    """Unified-diff lines ('+', '-', ' ', '@@') or the added file's lines, capped."""
    note: str = ""

    @property
    def counts(self) -> tuple[int, int]:
        add = sum(1 for x in self.lines if x.startswith("+"))
        return add, sum(1 for x in self.lines if x.startswith("-"))


@dataclass(frozen=True)
class TreeDiff:
    files: list[FileDiff]
    unchanged: int


def _text(m: Member) -> list[str] | str:
    """The member's lines, or why they cannot be shown."""
    if m.data is None:
        return m.note or "not read"
    if b"\0" in m.data[:8192]:
        return f"binary, {m.size:,} bytes"
    lines = m.data.decode("utf-8", "replace").splitlines()
    return lines


def _notes(*members: Member) -> str:
    parts = []
    for m in members:
        if m.truncated:
            parts.append(f"only the first {len(m.data or b''):,} of {m.size:,} bytes were read")
    return "; ".join(parts)


def diff_file(path: str, old: Member | None, new: Member | None) -> FileDiff:
    """One file's change (old None: added; new None: deleted). Pure."""
    if new is None:
        assert old is not None
        return FileDiff(path, "deleted", [], old.note)
    got = _text(new)
    if old is None:
        if isinstance(got, str):
            return FileDiff(path, "added", [], got)
        return FileDiff(path, "added", ["+" + x for x in got[:DIFF_LINES_OUT]], _cut(got, new))
    had = _text(old)
    if isinstance(got, str) or isinstance(had, str):
        why = got if isinstance(got, str) else had
        return FileDiff(path, "changed", [], str(why))
    body = list(difflib.unified_diff(had[:DIFF_LINES_IN], got[:DIFF_LINES_IN], lineterm="", n=3))[
        2:
    ]
    cut = len(body) - DIFF_LINES_OUT
    notes = [_notes(old, new)]
    if max(len(had), len(got)) > DIFF_LINES_IN:
        notes.append(f"only the first {DIFF_LINES_IN:,} lines of each side were compared")
    if cut > 0:
        notes.append(f"{cut:,} more diff lines not shown")
    return FileDiff(path, "changed", body[:DIFF_LINES_OUT], "; ".join(n for n in notes if n))


def _cut(lines: list[str], m: Member) -> str:
    notes = [_notes(m)]
    if len(lines) > DIFF_LINES_OUT:
        notes.append(f"{len(lines) - DIFF_LINES_OUT:,} more lines not shown")
    return "; ".join(n for n in notes if n)


def _same_member(a: Member, b: Member) -> bool:
    return (a.kind, a.size, a.data, a.note) == (b.kind, b.size, b.data, b.note)


def diff_trees(old: dict[str, Member], new: dict[str, Member]) -> TreeDiff:
    """Added, changed and deleted files, by path. Pure."""
    files, unchanged = [], 0
    for path in sorted(set(old) | set(new)):
        a, b = old.get(path), new.get(path)
        if a is not None and b is not None and _same_member(a, b):
            unchanged += 1
            continue
        files.append(diff_file(path, a, b))
    return TreeDiff(files, unchanged)
