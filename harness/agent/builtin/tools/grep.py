"""Grep: ripgrep run inside the sandbox, in Claude Code's three output modes."""

from typing import Any, Literal

from harness.agent.builtin.tools.base import Tool, ToolResult, ToolSession, absolute_path
from harness.agent.builtin.tools.schema import ToolInputError
from harness.agent.builtin.tools.text import MAX_LINE_CHARS, truncate_head

OutputMode = Literal["content", "files_with_matches", "count"]

MAX_OUTPUT_CHARS = 30_000
SANDBOX_OUTPUT_LIMIT = 1_000_000
TIMEOUT_S = 60.0
NO_MATCHES = "No matches found"

# rg's --sortr=modified sorts within each folder, not globally; Claude Code lists files newest
# first, so the file list is re-sorted by mtime (ties by path) next to rg, inside the sandbox.
BY_MTIME_SCRIPT = """\
import os, subprocess, sys
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)
def key(path):
    try:
        return (-os.stat(path).st_mtime, path)
    except OSError:
        return (0.0, path)
paths = sorted(proc.stdout.splitlines(), key=key)
sys.stdout.buffer.write(b"".join(p + b"\\n" for p in paths))
sys.exit(proc.returncode)
"""


def build_rg_argv(args: dict[str, Any], path: str) -> list[str]:
    """The `rg` command line for validated Grep `args`, searching `path`.

    Hidden files are searched (except .git) and .gitignore is honoured. Output is sorted by
    path (the file list is re-sorted newest first by `search_argv`).
    """
    mode: OutputMode = args.get("output_mode", "files_with_matches")
    argv = ["rg", "--color=never", "--hidden", "--glob=!.git"]
    argv += {
        "files_with_matches": ["--files-with-matches"],
        "count": ["--count", "--with-filename", "--sort=path"],
        "content": ["--sort=path", f"--max-columns={MAX_LINE_CHARS}", "--max-columns-preview"],
    }[mode]
    if mode == "content":
        argv.append("--line-number" if args.get("-n", True) else "--no-line-number")
        for flag in ("-A", "-B", "-C"):
            if flag in args:
                argv += [flag, str(args[flag])]
    if args.get("-i"):
        argv.append("--ignore-case")
    if args.get("multiline"):
        argv += ["--multiline", "--multiline-dotall"]
    if "glob" in args:
        argv.append(f"--glob={args['glob']}")
    if "type" in args:
        argv.append(f"--type={args['type']}")
    return [*argv, "--regexp", args["pattern"], "--", path]


def search_argv(args: dict[str, Any], path: str) -> list[str]:
    """What the sandbox runs: rg, wrapped by the mtime sort in files_with_matches mode."""
    rg = build_rg_argv(args, path)
    if args.get("output_mode", "files_with_matches") == "files_with_matches":
        return ["python3", "-I", "-c", BY_MTIME_SCRIPT, *rg]
    return rg


def format_matches(stdout: str, mode: OutputMode, head_limit: int | None) -> str:
    """Model-facing text for rg's output: a file list, per-file counts, or matching lines."""
    lines = stdout.rstrip("\n").split("\n") if stdout.strip() else []
    if not lines:
        return NO_MATCHES
    shown = lines if head_limit is None else lines[:head_limit]
    cut = f"\n(showing the first {len(shown)} of {len(lines)}; raise head_limit to see more)"
    more = cut if len(shown) < len(lines) else ""
    if mode == "files_with_matches":
        noun = "file" if len(lines) == 1 else "files"
        text = f"Found {len(lines)} {noun}\n" + "\n".join(shown) + more
    elif mode == "count":
        total = sum(_count(line) for line in lines)
        summary = f"\n\nFound {total} matching lines in {len(lines)} files."
        text = "\n".join(shown) + more + summary
    else:
        text = "\n".join(shown) + more
    return truncate_head(text, MAX_OUTPUT_CHARS, "narrow the search or set head_limit")


def _count(line: str) -> int:
    """N from rg's `path:N` count line (0 for a line cut short by the sandbox's output limit)."""
    tail = line.rpartition(":")[2]
    return int(tail) if tail.isdigit() else 0


async def grep(session: ToolSession, args: dict[str, Any]) -> ToolResult:
    raw_path = args.get("path", session.current_dir)
    path = absolute_path(raw_path, param="path", cwd=session.current_dir)
    result = await session.sandbox.exec(
        search_argv(args, path), timeout=TIMEOUT_S, output_limit=SANDBOX_OUTPUT_LIMIT
    )
    if result.timed_out:
        raise ToolInputError(f"Grep timed out after {TIMEOUT_S:.0f} s; narrow the path or glob.")
    if result.exit_code == 1 or (result.exit_code == 0 and not result.stdout.strip()):
        return ToolResult(NO_MATCHES)
    if result.exit_code != 0 and not result.stdout.strip():
        raise ToolInputError(f"rg failed (exit code {result.exit_code}): {result.stderr.strip()}")
    mode: OutputMode = args.get("output_mode", "files_with_matches")
    return ToolResult(format_matches(result.stdout, mode, args.get("head_limit")))


_INT = {"type": "integer", "minimum": 0}

GREP = Tool(
    name="Grep",
    description=(
        "Search file contents with ripgrep (Rust regex syntax; escape literal braces, e.g."
        " `interface\\{\\}`). `path` is an absolute file or folder (default: the current"
        " directory). Filter files with `glob` (e.g. `*.py`, `**/*.{ts,tsx}`) or `type` (e.g."
        " `py`, `js`). `output_mode`: `files_with_matches` (default; paths, newest first),"
        " `content` (matching lines; supports -A/-B/-C context, -n line numbers, on by"
        " default) or `count` (matching lines per file). `-i` ignores case; `multiline` lets"
        " `.` and patterns span lines; `head_limit` keeps the first N results. Honours"
        " .gitignore. Use this instead of running grep or rg through Bash."
    ),
    input_schema={
        "type": "object",
        "properties": {
            "pattern": {"type": "string", "minLength": 1, "description": "Regular expression."},
            "path": {"type": "string", "description": "Absolute file or folder to search."},
            "glob": {"type": "string", "description": "Only search files matching this glob."},
            "type": {"type": "string", "description": "Only search this rg file type."},
            "output_mode": {
                "type": "string",
                "enum": ["content", "files_with_matches", "count"],
                "description": "What to return (default files_with_matches).",
            },
            "-A": {**_INT, "description": "Lines after each match (content mode)."},
            "-B": {**_INT, "description": "Lines before each match (content mode)."},
            "-C": {**_INT, "description": "Lines around each match (content mode)."},
            "-n": {"type": "boolean", "description": "Show line numbers (content mode)."},
            "-i": {"type": "boolean", "description": "Case-insensitive search."},
            "head_limit": {"type": "integer", "minimum": 1, "description": "Keep the first N."},
            "multiline": {"type": "boolean", "description": "Let matches span lines."},
        },
        "required": ["pattern"],
        "additionalProperties": False,
    },
    handler=grep,
)
