"""Glob and LS: file listings computed by a short python3 script inside the sandbox.

The scripts run with `python3 -I`, so modules in the agent's workspace cannot shadow the
standard library they import. They print one JSON object; formatting happens on the host.
"""

import json
from dataclasses import dataclass
from typing import Any

from harness.agent.builtin.tools.base import Tool, ToolResult, ToolSession, absolute_path
from harness.agent.builtin.tools.schema import ToolInputError

GLOB_LIMIT = 100
LS_LIMIT = 1000
TIMEOUT_S = 60.0
OUTPUT_LIMIT = 1_000_000

GLOB_SCRIPT = """\
import json, stat, sys
from pathlib import Path
root, limit, patterns = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
if not root.is_dir():
    sys.exit(f"Directory does not exist: {root}")
found = {}
for pattern in patterns:
    for p in root.glob(pattern):
        if ".git" in p.relative_to(root).parts:
            continue
        try:
            st = p.stat()
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            found[str(p)] = st.st_mtime
paths = sorted(found, key=lambda p: (-found[p], p))
print(json.dumps({"total": len(paths), "paths": paths[:limit]}))
"""

LS_SCRIPT = """\
import fnmatch, json, os, sys
root, limit, ignores = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
if not os.path.isdir(root):
    sys.exit(f"Not a directory: {root}" if os.path.exists(root) else f"Path does not exist: {root}")
entries, queue, truncated = [], [""], False
while queue and not truncated:
    rel = queue.pop(0)
    try:
        names = sorted(os.listdir(os.path.join(root, rel)))
    except OSError:
        continue
    for name in names:
        child = rel + name
        if name.startswith(".") or name == "__pycache__":
            continue
        if any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(child, g) for g in ignores):
            continue
        if len(entries) >= limit:
            truncated = True
            break
        full = os.path.join(root, child)
        if os.path.isdir(full) and not os.path.islink(full):
            entries.append(child + "/")
            queue.append(child + "/")
        else:
            entries.append(child)
print(json.dumps({"entries": entries, "truncated": truncated}))
"""


def expand_braces(pattern: str) -> list[str]:
    """Shell-style brace alternatives: `*.{ts,tsx}` -> `*.ts`, `*.tsx` (nesting allowed)."""
    depth, start = 0, -1
    for i, ch in enumerate(pattern):
        if ch == "{":
            start = i if depth == 0 else start
            depth += 1
        elif ch == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                options = _split_top_level(pattern[start + 1 : i])
                if len(options) > 1:
                    head, tail = pattern[:start], pattern[i + 1 :]
                    return [p for o in options for p in expand_braces(head + o + tail)]
    return [pattern]


def _split_top_level(body: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in body:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


@dataclass(frozen=True)
class GlobQuery:
    """Where to search and which root-relative patterns to match (absolute patterns use `/`)."""

    root: str
    patterns: list[str]


def plan_glob(pattern: str, root: str) -> GlobQuery:
    """Braces expanded; a trailing `**` means every file below (pathlib alone yields folders)."""
    patterns = [p + "/*" if p.endswith("**") else p for p in expand_braces(pattern)]
    if pattern.startswith("/"):
        return GlobQuery(root="/", patterns=[p.lstrip("/") for p in patterns])
    return GlobQuery(root=root, patterns=patterns)


async def _run_script(session: ToolSession, script: str, argv: list[str]) -> dict[str, Any]:
    result = await session.sandbox.exec(
        ["python3", "-I", "-c", script, *argv], timeout=TIMEOUT_S, output_limit=OUTPUT_LIMIT
    )
    if result.timed_out:
        raise ToolInputError(f"Listing timed out after {TIMEOUT_S:.0f} s; use a narrower path.")
    if result.exit_code != 0:
        lines = result.stderr.strip().splitlines() or [f"exit code {result.exit_code}"]
        raise ToolInputError(lines[-1])
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


async def glob(session: ToolSession, args: dict[str, Any]) -> ToolResult:
    root = absolute_path(
        args.get("path", session.current_dir), param="path", cwd=session.current_dir
    )
    query = plan_glob(args["pattern"], root)
    found = await _run_script(session, GLOB_SCRIPT, [query.root, str(GLOB_LIMIT), *query.patterns])
    paths: list[str] = found["paths"]
    if not paths:
        return ToolResult("No files found")
    text = "\n".join(paths)
    if found["total"] > len(paths):
        text += (
            f"\n(Showing the {len(paths)} most recently modified of {found['total']} files."
            " Use a more specific path or pattern.)"
        )
    return ToolResult(text)


def format_tree(root: str, entries: list[str]) -> str:
    """Claude Code's LS layout: `- name` lines indented two spaces per level, folders with `/`."""
    lines = [f"- {root.rstrip('/')}/"]
    for entry in sorted(entries, key=lambda e: e.rstrip("/").split("/")):
        parts = entry.rstrip("/").split("/")
        suffix = "/" if entry.endswith("/") else ""
        lines.append(f"{'  ' * len(parts)}- {parts[-1]}{suffix}")
    return "\n".join(lines)


def normalize_ignore(pattern: str) -> str:
    """`**/node_modules/` -> `node_modules`: the LS script matches names and relative paths."""
    return pattern.removeprefix("**/").rstrip("/") or pattern


async def ls(session: ToolSession, args: dict[str, Any]) -> ToolResult:
    root = absolute_path(args["path"], param="path", cwd=session.current_dir)
    ignore = [normalize_ignore(p) for p in args.get("ignore", [])]
    listing = await _run_script(session, LS_SCRIPT, [root, str(LS_LIMIT), *ignore])
    tree = format_tree(root, listing["entries"])
    if listing["truncated"]:
        note = (
            f"There are more than {LS_LIMIT} entries under {root}; the first {LS_LIMIT}"
            " (breadth first) are shown. Use LS on a subfolder, Glob or Bash to see more.\n\n"
        )
        return ToolResult(note + tree)
    return ToolResult(tree)


GLOB = Tool(
    name="Glob",
    description=(
        "Find files by name pattern, e.g. `**/*.py`, `src/**/*.{ts,tsx}` or `tests/test_*.py`;"
        " `*` stays within one folder and `**` crosses folders. `path` is an absolute folder"
        " to search (default: the current directory). Returns absolute paths of matching"
        f" files, most recently modified first, at most {GLOB_LIMIT}. .git is skipped."
    ),
    input_schema={
        "type": "object",
        "properties": {
            "pattern": {"type": "string", "minLength": 1, "description": "Glob pattern."},
            "path": {"type": "string", "description": "Absolute folder to search in."},
        },
        "required": ["pattern"],
        "additionalProperties": False,
    },
    handler=glob,
)

LS = Tool(
    name="LS",
    description=(
        "List a folder as an indented tree, breadth first, up to"
        f" {LS_LIMIT} entries. `path` must be an absolute folder. Hidden entries and"
        " __pycache__ are skipped; `ignore` takes glob patterns (matched against names and"
        " paths relative to `path`) to leave out. Prefer Glob or Grep when you know what you"
        " are looking for."
    ),
    input_schema={
        "type": "object",
        "properties": {
            "path": {"type": "string", "description": "Absolute path of the folder."},
            "ignore": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Glob patterns of entries to leave out.",
            },
        },
        "required": ["path"],
        "additionalProperties": False,
    },
    handler=ls,
)
