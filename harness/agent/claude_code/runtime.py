"""The Claude Code runtime: the real CLI runs the agent file inside the sandbox; its model
requests travel through the relay to the Bridge, which answers them with the run's model.

Same inputs and outputs as the builtin loop (an AgentResult, the same transcript events), so
runners, graders and reports serve both. Claude Code's own stream-json output is kept beside
the transcript (`claude-code.jsonl`).
"""

import asyncio
import contextlib
import json
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docker.errors import APIError, DockerException

from harness.agent.agentfile import AgentSpec
from harness.agent.base import AgentResult, EventSink, LoopLimits, Outcome
from harness.agent.claude_code.backends import Backend
from harness.agent.claude_code.bridge import Bridge, BridgeLimits, BudgetCheck
from harness.agent.claude_code.definition import (
    AGENTS_FILE,
    PROMPT_FILE,
    agents_json,
    kill_argv,
    session_argv,
    session_env,
)
from harness.agent.claude_code.exec_relay import RELAY_PORT, ExecRelay, exec_frames
from harness.errors import SandboxError
from harness.models.base import FatalModelError
from harness.sandbox import hostlock
from harness.sandbox.docker import AGENT_USER, WORKDIR, DockerSandbox

STREAM_FILE = "claude-code.jsonl"
STREAM_LIMIT = 64 * 1024 * 1024
STOP_GRACE = 5.0


@dataclass(frozen=True)
class SessionEnd:
    exit_code: int | None
    timed_out: bool
    stderr_tail: str
    result: dict[str, Any] | None = None
    """Claude Code's closing `result` event (stream-json), when it wrote one."""


def closing_result(stream: bytes) -> dict[str, Any] | None:
    """The last `{"type": "result", ...}` line of a stream-json output. Pure."""
    for line in reversed(stream.splitlines()):
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and event.get("type") == "result":
            return event
    return None


def _unlimited(usage: object) -> bool:
    return True


class _HostLockHook:
    """Holds the host lock shared while Claude Code runs tools, as the builtin loop does per
    tool call, so a load probe never shares the machine with an agent's commands."""

    def __init__(self) -> None:
        self._held: contextlib.AsyncExitStack | None = None

    async def __call__(self, running: bool) -> None:
        if running and self._held is None:
            stack = contextlib.AsyncExitStack()
            await stack.enter_async_context(hostlock.shared())
            self._held = stack
        elif not running and self._held is not None:
            held, self._held = self._held, None
            await held.aclose()


async def run_claude_code(
    *,
    sandbox: DockerSandbox,
    client: Any,
    backend: Backend,
    agent: AgentSpec,
    user_prompt: str,
    limits: LoopLimits,
    on_event: EventSink,
    out: Path,
    max_consecutive_errors: int = 1,
    within_budget: BudgetCheck | None = None,
) -> AgentResult:
    """One Claude Code session. Raises FatalModelError (abort the run); other failures are
    outcomes (`model_error`, `sandbox_error`, `agent_crash`, the limits)."""
    hook = _HostLockHook()
    bridge = Bridge(
        backend,
        BridgeLimits(limits.max_turns, limits.max_tokens_total, max_consecutive_errors),
        on_event,
        tools_hook=hook,
        within_budget=within_budget or _unlimited,
    )
    relay = ExecRelay(client, sandbox.container.id, bridge.handle)
    try:
        await relay.start()
        await sandbox.write_file(AGENTS_FILE, agents_json(agent).encode())
        await sandbox.write_file(PROMPT_FILE, user_prompt.encode())
        end = await _session(
            sandbox, client, bridge, agent.name, limits.wall_time, out / STREAM_FILE
        )
    except SandboxError as err:
        return _result(bridge, "sandbox_error", str(err), on_event)
    finally:
        await relay.close()
        await hook(False)
    if bridge.fatal:
        raise FatalModelError(bridge.fatal)
    outcome, reason = _outcome(bridge, end, limits.wall_time)
    return _result(bridge, outcome, reason, on_event)


def _outcome(bridge: Bridge, end: SessionEnd, wall_time: float) -> tuple[Outcome, str]:
    if bridge.stop is not None:
        return bridge.stop.outcome, bridge.stop.reason
    if end.timed_out:
        return "wall_time", f"wall-time limit of {wall_time:g}s reached (Claude Code was stopped)"
    said = end.result or {}
    if end.exit_code == 0 and not said.get("is_error"):
        return "completed", "Claude Code ended its session (exit 0)"
    why = str(said.get("result") or end.stderr_tail or "no output")[:300]
    if bridge.errors_in_row:
        return "model_error", f"Claude Code gave up after model errors: {why}"
    if bridge.tool_calls == 0:
        return "agent_crash", f"Claude Code ended with exit {end.exit_code}: {why}"[:500]
    # The agent's own commands run beside the CLI and can end it (kill its process group,
    # exhaust its memory): once the agent has acted, an abnormal end is scored, never
    # excluded as an infrastructure failure (that would turn bad answers into missing data).
    return "agent_exit", (
        f"Claude Code ended abnormally (exit {end.exit_code}) after {bridge.tool_calls} tool "
        f"calls; the workspace was graded: {why}"
    )[:500]


def _result(bridge: Bridge, outcome: Outcome, reason: str, on_event: EventSink) -> AgentResult:
    result = AgentResult(
        outcome=outcome,
        reason=reason,
        messages=[],
        usage=bridge.usage,
        turns=bridge.turns,
        tool_calls=bridge.tool_calls,
        tool_errors=bridge.tool_errors,
        duration=bridge.elapsed(),
        offered_tools=tuple(bridge.offered_tools),
    )
    bridge.emit(
        "agent_end",
        outcome=outcome,
        reason=reason,
        turns=result.turns,
        tool_calls=result.tool_calls,
        tool_errors=result.tool_errors,
        usage=result.usage.__dict__,
        duration=result.duration,
        runtime="claude-code",
        offered_tools=bridge.offered_tools,
    )
    return result


async def _session(
    sandbox: DockerSandbox,
    client: Any,
    bridge: Bridge,
    agent_name: str,
    wall_time: float,
    stream_path: Path,
) -> SessionEnd:
    api = client.api
    cid = sandbox.container.id
    try:
        exec_id = api.exec_create(
            cid,
            session_argv(agent_name),
            user=AGENT_USER,
            workdir=WORKDIR,
            environment=session_env(RELAY_PORT),
        )["Id"]
        sock = await asyncio.to_thread(api.exec_start, exec_id, socket=True)
    except (APIError, DockerException) as err:
        raise SandboxError(f"Claude Code did not start: {err}") from None
    stderr = bytearray()
    try:
        timed_out = await _wait_session(sandbox, sock, bridge, wall_time, stream_path, stderr)
    finally:
        _close(sock)  # also on cancellation (Ctrl-C): the reading thread must not outlive it
    code = await asyncio.to_thread(lambda: api.exec_inspect(exec_id).get("ExitCode"))
    stream_path.with_suffix(".stderr").write_bytes(bytes(stderr))
    tail = bytes(stderr[-400:]).decode(errors="replace").strip().replace("\n", " | ")
    return SessionEnd(code, timed_out, tail, closing_result(_tail_bytes(stream_path)))


async def _wait_session(
    sandbox: DockerSandbox,
    sock: Any,
    bridge: Bridge,
    wall_time: float,
    stream_path: Path,
    stderr: bytearray,
) -> bool:
    """Wait for the session to end, for the bridge to stop it, or for the wall-time limit;
    stop the CLI's process group in the latter two cases. True when time ran out."""
    reader = asyncio.create_task(asyncio.to_thread(_pump, sock, stream_path, stderr))
    stopped = asyncio.create_task(bridge.stopped.wait())
    remaining = max(0.0, wall_time - bridge.elapsed())
    try:
        done, _ = await asyncio.wait(
            {reader, stopped}, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
        )
        if reader not in done:
            await _stop_session(sandbox)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(reader), STOP_GRACE)
            _close(sock)
        with contextlib.suppress(Exception):
            await reader
    finally:
        stopped.cancel()
    return not done


def _tail_bytes(path: Path, size: int = 256 * 1024) -> bytes:
    with open(path, "rb") as f:
        f.seek(max(0, path.stat().st_size - size))
        return f.read()


async def _stop_session(sandbox: DockerSandbox) -> None:
    with contextlib.suppress(SandboxError):
        await sandbox.exec(kill_argv(), timeout=10)


def _pump(sock: Any, path: Path, stderr: bytearray) -> None:
    """Copy the session's stdout (stream-json) to `path` (capped) and keep its stderr's tail."""
    written = 0
    with open(path, "wb") as f:
        for kind, payload in exec_frames(sock):
            if kind == 2:
                stderr += payload
                del stderr[:-8192]
            elif written < STREAM_LIMIT:
                f.write(payload)
                f.flush()
                written += len(payload)


def _close(sock: Any) -> None:
    """Shut the exec socket down and close it: the SocketIO docker-py returns and the socket
    beneath it (closing only the former leaves the descriptor open until garbage collection)."""
    raw = getattr(sock, "_sock", sock)
    with contextlib.suppress(OSError):
        raw.shutdown(socket.SHUT_RDWR)
    for each in (sock, raw):
        with contextlib.suppress(OSError):
            each.close()
