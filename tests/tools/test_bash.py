import asyncio
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from harness.agent.builtin.tools import ToolSession, run_tool
from harness.agent.builtin.tools.bash import CWD_MARKER, ShellTrailer, format_result, parse_trailer
from harness.errors import SandboxError
from harness.sandbox.base import DEFAULT_OUTPUT_LIMIT, ExecResult

from .conftest import Call


def test_output_merges_stdout_and_stderr_in_order(call: Call) -> None:
    result = call("Bash", {"command": "echo one; echo two >&2; echo three"})
    assert result.is_error is False
    assert result.content == "one\ntwo\nthree"


def test_runs_in_the_workspace_by_default(call: Call, ws: Path) -> None:
    assert call("Bash", {"command": "pwd"}).content == str(ws)


def test_cwd_persists_across_calls(call: Call, ws: Path, session: ToolSession) -> None:
    call("Bash", {"command": "mkdir -p sub/deeper && cd sub", "description": "go to sub"})
    assert session.cwd == f"{ws}/sub"
    assert call("Bash", {"command": "pwd"}).content == f"{ws}/sub"
    call("Bash", {"command": "cd deeper; false"})
    assert call("Bash", {"command": "pwd"}).content == f"{ws}/sub/deeper"


def test_environment_does_not_persist(call: Call) -> None:
    call("Bash", {"command": "export ARCH_X=1"})
    assert call("Bash", {"command": 'echo "[${ARCH_X:-unset}]"'}).content == "[unset]"


def test_cwd_persists_through_exit(call: Call, ws: Path, session: ToolSession) -> None:
    result = call("Bash", {"command": "mkdir d && cd d && exit 4"})
    assert result.content == "Exit code 4"
    assert session.cwd == f"{ws}/d"


def test_vanished_cwd_falls_back_to_the_workspace(call: Call, ws: Path) -> None:
    call("Bash", {"command": "mkdir gone && cd gone"})
    (ws / "gone").rmdir()
    result = call("Bash", {"command": "pwd"})
    assert result.content == f"[working directory {ws}/gone is gone; now in {ws}]\n{ws}"


def test_nonzero_exit_is_an_error_with_the_code(call: Call) -> None:
    result = call("Bash", {"command": "echo oops >&2; exit 3"})
    assert result.is_error is True
    assert result.content == "oops\nExit code 3"


def test_syntax_error_is_reported(call: Call) -> None:
    result = call("Bash", {"command": 'echo "unclosed'})
    assert result.is_error is True
    assert "unexpected EOF" in result.content
    assert result.content.endswith("Exit code 2")


def test_empty_output(call: Call) -> None:
    assert call("Bash", {"command": "true"}).content == "(no output)"


def test_timeout(call: Call) -> None:
    start = time.monotonic()
    result = call("Bash", {"command": "sleep 5", "timeout": 1000})
    assert time.monotonic() - start < 4
    assert result.is_error is True
    assert result.content == "Command timed out after 1000 ms"


def test_timeout_above_maximum_is_refused(call: Call) -> None:
    result = call("Bash", {"command": "true", "timeout": 600_001})
    assert result.is_error is True
    assert result.content == "Invalid input for Bash: `timeout` must be at most 600000, got 600001"


def test_long_output_keeps_head_and_tail(call: Call) -> None:
    result = call("Bash", {"command": "printf 'H%.0s' $(seq 20000); printf 'T%.0s' $(seq 20000)"})
    head, tail = result.content.split("\n\n... [10000 characters truncated] ...\n\n")
    assert head == "H" * 15000
    assert tail == "T" * 15000


def test_empty_command_is_refused(call: Call) -> None:
    assert call("Bash", {"command": "  "}).content == "`command` is empty"


def test_parse_trailer() -> None:
    assert parse_trailer(f"\n{CWD_MARKER}/w/sub\n") == ShellTrailer(cwd="/w/sub", stray="")
    assert parse_trailer("warn\n") == ShellTrailer(cwd=None, stray="warn")


def test_format_result_notes_sandbox_truncation() -> None:
    result = ExecResult(exit_code=0, stdout="abc\n", stderr="", truncated=True)
    assert format_result(result, "", 1000).content == (
        "abc\n[output exceeded 1000000 bytes; the rest was discarded]"
    )


class RecordingSandbox:
    """Answers every exec with `reply` (or raises it) and records the arguments."""

    def __init__(self, reply: ExecResult | Exception) -> None:
        self.reply = reply
        self.calls: list[dict[str, object]] = []

    @property
    def workdir(self) -> str:
        return "/workspace"

    async def exec(
        self,
        cmd: Sequence[str],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float = 120.0,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
    ) -> ExecResult:
        self.calls.append({"cmd": list(cmd), "timeout": timeout, "output_limit": output_limit})
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply

    async def read_file(self, path: str) -> bytes:
        raise SandboxError("container is gone")

    async def write_file(self, path: str, data: bytes) -> None:
        raise SandboxError("container is gone")

    async def close(self) -> None:
        pass


def test_asks_the_sandbox_for_bounded_output_and_the_timeout() -> None:
    sandbox = RecordingSandbox(ExecResult(0, "hi\n", f"{CWD_MARKER}/workspace/x\n"))
    session = ToolSession(sandbox=sandbox)
    result = asyncio.run(run_tool(session, "Bash", {"command": "cd x; echo hi", "timeout": 5000}))
    assert result.content == "hi"
    assert session.cwd == "/workspace/x"
    (call,) = sandbox.calls
    assert call["timeout"] == 5.0
    assert call["output_limit"] == 1_000_000
    assert call["cmd"][:2] == ["bash", "-c"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("Bash", {"command": "ls"}),
        ("Grep", {"pattern": "x"}),
        ("Glob", {"pattern": "*"}),
        ("LS", {"path": "/workspace"}),
        ("Read", {"file_path": "/workspace/a"}),
        ("Write", {"file_path": "/workspace/a", "content": ""}),
    ],
)
def test_sandbox_errors_propagate(name: str, args: dict[str, object]) -> None:
    session = ToolSession(sandbox=RecordingSandbox(SandboxError("container is gone")))
    with pytest.raises(SandboxError, match="container is gone"):
        asyncio.run(run_tool(session, name, args))
