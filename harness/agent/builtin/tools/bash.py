"""Bash: one `bash -c` per call, with the working directory carried over between calls.

Claude Code keeps one shell whose cwd persists (environment variables do not). We emulate that
statelessly: the wrapper `cd`s into the saved directory, merges stderr into stdout, and an EXIT
trap reports the final `$PWD` on the original stderr (fd 9), which the host parses and stores.
"""

import shlex
from dataclasses import dataclass
from typing import Any

from harness.agent.builtin.tools.base import Tool, ToolResult, ToolSession
from harness.agent.builtin.tools.schema import ToolInputError
from harness.agent.builtin.tools.text import truncate_middle
from harness.sandbox.base import ExecResult

DEFAULT_TIMEOUT_MS = 120_000
MAX_TIMEOUT_MS = 600_000
MAX_OUTPUT_CHARS = 30_000
SANDBOX_OUTPUT_LIMIT = 1_000_000
"""Bytes the sandbox may send back per command; the rest is dropped inside the sandbox."""
CWD_MARKER = "__ARCHBENCH_CWD__="


def wrap_command(command: str, *, cwd: str, fallback: str) -> str:
    """The script for `bash -c`: run `command` in `cwd` (or `fallback` if it is gone)."""
    marker = shlex.quote(CWD_MARKER)
    return (
        "exec 9>&2 2>&1 </dev/null\n"
        f'trap \'printf "\\n%s%s\\n" {marker} "$PWD" >&9\' EXIT\n'
        f"cd -- {shlex.quote(cwd)} 2>/dev/null || {{ "
        f"echo {shlex.quote(f'[working directory {cwd} is gone; now in {fallback}]')}; "
        f"cd -- {shlex.quote(fallback)}; }}\n"
        f"{{ {command}\n}}"
    )


@dataclass(frozen=True)
class ShellTrailer:
    """What the wrapper left on stderr: the final cwd, and any other text (shown to the model)."""

    cwd: str | None
    stray: str


def parse_trailer(stderr: str) -> ShellTrailer:
    cwd = None
    stray = []
    for line in stderr.splitlines():
        if line.startswith(CWD_MARKER):
            cwd = line.removeprefix(CWD_MARKER)
        elif line:
            stray.append(line)
    return ShellTrailer(cwd=cwd or None, stray="\n".join(stray))


def format_result(result: ExecResult, stray: str, timeout_ms: int) -> ToolResult:
    """The model-facing text: merged output (cut past 30000 chars), plus timeout or exit code."""
    output = "\n".join(part for part in (result.stdout.rstrip("\n"), stray) if part)
    if result.truncated:
        output += f"\n[output exceeded {SANDBOX_OUTPUT_LIMIT} bytes; the rest was discarded]"
    output = truncate_middle(output, MAX_OUTPUT_CHARS)
    if result.timed_out:
        note = f"Command timed out after {timeout_ms} ms"
        return ToolResult(f"{note}\n{output}" if output else note, is_error=True)
    if result.exit_code != 0:
        note = f"Exit code {result.exit_code}"
        return ToolResult(f"{output}\n{note}" if output else note, is_error=True)
    return ToolResult(output or "(no output)")


async def bash(session: ToolSession, args: dict[str, Any]) -> ToolResult:
    command: str = args["command"]
    if not command.strip():
        raise ToolInputError("`command` is empty")
    timeout_ms: int = args.get("timeout", DEFAULT_TIMEOUT_MS)
    script = wrap_command(command, cwd=session.current_dir, fallback=session.sandbox.workdir)
    result = await session.sandbox.exec(
        ["bash", "-c", script], timeout=timeout_ms / 1000, output_limit=SANDBOX_OUTPUT_LIMIT
    )
    trailer = parse_trailer(result.stderr)
    if trailer.cwd is not None:
        session.cwd = trailer.cwd
    return format_result(result, trailer.stray, timeout_ms)


BASH = Tool(
    name="Bash",
    description=(
        "Run a bash command in the workspace sandbox and return its combined stdout and"
        " stderr. The working directory carries over between calls (a `cd` persists);"
        " environment variables and shell state do not. Stdin is closed, so interactive"
        f" commands fail. `timeout` is in milliseconds (default {DEFAULT_TIMEOUT_MS}, maximum"
        f" {MAX_TIMEOUT_MS}); a command that runs longer is killed. Output beyond"
        f" {MAX_OUTPUT_CHARS} characters is cut in the middle. A non-zero exit code is reported"
        " as an error. Start background processes with their output redirected (for example"
        " `cmd > /tmp/log 2>&1 &`), otherwise the call waits for them until the timeout. Prefer"
        " Read, Edit, Grep and Glob over cat, sed, grep and find."
    ),
    input_schema={
        "type": "object",
        "properties": {
            "command": {"type": "string", "description": "The command to run."},
            "timeout": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_TIMEOUT_MS,
                "description": f"Timeout in milliseconds (default {DEFAULT_TIMEOUT_MS}).",
            },
            "description": {
                "type": "string",
                "description": "A few words saying what the command does.",
            },
        },
        "required": ["command"],
        "additionalProperties": False,
    },
    handler=bash,
)
