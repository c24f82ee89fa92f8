"""The agent loop: model turn, tool calls, tool results, until the model stops or a limit hits.

The model and the tools are arguments (no globals). Limits are checked before every model call;
wall time is also enforced inside each model and tool call. Only infrastructure failures escape
as outcomes ("model_error", "sandbox_error"); `FatalModelError` propagates to abort the run.
"""

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn, Protocol, TypeVar

from harness.agent.base import (
    EVENT_CONTENT_CHARS,
    AgentResult,
    EventSink,
    LoopLimits,
    Outcome,
    limit_reached,
)
from harness.errors import ModelAPIError, SandboxError
from harness.models.base import (
    Block,
    ContextWindowExceeded,
    FatalModelError,
    Message,
    ModelClient,
    ModelTurn,
    Usage,
)

CONTINUE_PROMPT = "continue"
_T = TypeVar("_T")


class ToolOutput(Protocol):
    @property
    def content(self) -> str: ...

    @property
    def is_error(self) -> bool: ...


class ToolRunner(Protocol):
    """Runs one tool call; e.g. `functools.partial(harness.agent.builtin.tools.run_tool, session)`.

    Problems the model should see come back as `is_error` results; a broken sandbox raises
    `harness.errors.SandboxError`.
    """

    def __call__(self, name: str, args: dict[str, Any]) -> Awaitable[ToolOutput]: ...


class _Stop(Exception):
    def __init__(self, outcome: Outcome, reason: str) -> None:
        super().__init__(reason)
        self.outcome: Outcome = outcome
        self.reason = reason


async def run_agent(
    *,
    model: ModelClient,
    tools: ToolRunner,
    tool_defs: list[Block],
    system_prompt: str,
    user_prompt: str,
    limits: LoopLimits,
    on_event: EventSink | None = None,
) -> AgentResult:
    """Run one episode. Raises FatalModelError (abort everything); other failures are outcomes."""
    episode = _Episode(model, tools, tool_defs, system_prompt, limits, on_event or _ignore)
    episode.messages.append({"role": "user", "content": user_prompt})
    try:
        while True:
            episode.check_limits()
            turn = await episode.call_model()
            await episode.handle_turn(turn)
    except _Stop as stop:
        result = episode.result(stop.outcome, stop.reason)
    episode.emit(
        "agent_end",
        outcome=result.outcome,
        reason=result.reason,
        turns=result.turns,
        tool_calls=result.tool_calls,
        tool_errors=result.tool_errors,
        usage=dataclasses.asdict(result.usage),
        duration=result.duration,
    )
    return result


def _ignore(event: dict[str, Any]) -> None:
    pass


@dataclass
class _Episode:
    model: ModelClient
    tools: ToolRunner
    tool_defs: list[Block]
    system_prompt: str
    limits: LoopLimits
    on_event: EventSink
    messages: list[Message] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    turns: int = 0
    tool_calls: int = 0
    tool_errors: int = 0
    truncated_turns: int = 0
    start: float = field(default_factory=time.monotonic)

    def check_limits(self) -> None:
        hit = limit_reached(
            self.limits.max_turns, self.limits.max_tokens_total, self.turns, self.usage
        )
        if hit is not None:
            raise _Stop(*hit)
        if self.elapsed() >= self.limits.wall_time:
            self._wall_time("before the next model call")

    async def call_model(self) -> ModelTurn:
        started = time.monotonic()
        try:
            turn = await self._bounded(
                lambda: self.model.generate(
                    system=self.system_prompt,
                    messages=self.messages,
                    tools=self.tool_defs,
                    max_tokens=self.limits.max_output_tokens,
                ),
                "waiting for the model",
            )
        except ContextWindowExceeded as err:
            raise _Stop("context_exceeded", str(err) or "context window exceeded") from None
        except FatalModelError:
            raise
        except ModelAPIError as err:
            raise _Stop("model_error", str(err)) from None
        self.turns += 1
        self.usage += turn.usage
        self.messages.append({"role": "assistant", "content": turn.content})
        self.emit(
            "model_turn",
            model=turn.model,
            stop_reason=turn.stop_reason,
            usage=dataclasses.asdict(turn.usage),
            duration=time.monotonic() - started,
            content=turn.content,
        )
        return turn

    async def handle_turn(self, turn: ModelTurn) -> None:
        """Answer the turn (tool results, "continue") or raise _Stop when the episode is over."""
        stop = turn.stop_reason
        calls = [b for b in turn.content if b.get("type") == "tool_use"]
        if stop in ("end_turn", "stop_sequence"):
            raise _Stop("completed", f"the model ended its turn ({stop})")
        if stop == "refusal":
            raise _Stop("refusal", "the model refused (stop_reason refusal)")
        if stop == "model_context_window_exceeded":
            raise _Stop("context_exceeded", "the model filled its context window")
        if stop == "pause_turn":
            return  # the assistant content is already appended; calling again resumes it
        if stop == "max_tokens":
            self.truncated_turns += 1
            if not calls:
                self._append_user(CONTINUE_PROMPT)
                return
        elif stop != "tool_use" or not calls:
            raise _Stop(
                "model_error", f"unexpected stop_reason {stop!r} with {len(calls)} tool calls"
            )
        truncated = turn.content[-1] if stop == "max_tokens" else None
        results = [await self._answer(call, truncated=call is truncated) for call in calls]
        self.messages.append({"role": "user", "content": results})

    async def _answer(self, call: Block, *, truncated: bool) -> Block:
        name, tool_use_id = str(call.get("name", "")), str(call.get("id", ""))
        if truncated:
            content = (
                f"Your output hit the max_tokens limit ({self.limits.max_output_tokens}) before "
                "this tool call was complete, so it was not run. Retry with smaller steps."
            )
            self._emit_result(tool_use_id, name, content, is_error=True, duration=0.0)
            return _tool_result(tool_use_id, content, is_error=True)
        args = call.get("input")
        args = args if isinstance(args, dict) else {}
        self.emit("tool_call", tool_use_id=tool_use_id, name=name, input=args)
        started = time.monotonic()
        try:
            output = await self._bounded(lambda: self.tools(name, args), f"tool {name}")
        except SandboxError as err:
            raise _Stop("sandbox_error", f"tool {name}: {err}") from None
        self.tool_calls += 1
        self.tool_errors += output.is_error
        duration = time.monotonic() - started
        self._emit_result(tool_use_id, name, output.content, output.is_error, duration)
        return _tool_result(tool_use_id, output.content, is_error=output.is_error)

    def _emit_result(
        self, tool_use_id: str, name: str, content: str, is_error: bool, duration: float
    ) -> None:
        self.emit(
            "tool_result",
            tool_use_id=tool_use_id,
            name=name,
            is_error=is_error,
            content=content[:EVENT_CONTENT_CHARS],
            content_chars=len(content),
            duration=duration,
        )

    async def _bounded(self, make: Callable[[], Awaitable[_T]], what: str) -> _T:
        remaining = self.limits.wall_time - self.elapsed()
        if remaining <= 0:
            self._wall_time(what)
        timeout = asyncio.timeout(remaining)
        try:
            async with timeout:
                return await make()
        except TimeoutError:
            if timeout.expired():
                self._wall_time(what)
            raise

    def _wall_time(self, what: str) -> NoReturn:
        raise _Stop("wall_time", f"wall-time limit of {self.limits.wall_time:g}s reached ({what})")

    def _append_user(self, text: str) -> None:
        self.messages.append({"role": "user", "content": text})
        self.emit("user_message", content=text)

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def emit(self, kind: str, **fields: Any) -> None:
        self.on_event(
            {
                "type": kind,
                "time": time.time(),
                "elapsed": self.elapsed(),
                "turn": self.turns,
                **fields,
            }
        )

    def result(self, outcome: Outcome, reason: str) -> AgentResult:
        return AgentResult(
            outcome=outcome,
            reason=reason,
            messages=self.messages,
            usage=self.usage,
            turns=self.turns,
            tool_calls=self.tool_calls,
            tool_errors=self.tool_errors,
            duration=self.elapsed(),
            truncated_turns=self.truncated_turns,
        )


def _tool_result(tool_use_id: str, content: str, *, is_error: bool) -> Block:
    # The API rejects an empty tool_result that is marked as an error.
    if is_error and not content:
        content = "(the tool failed without output)"
    return {
        "type": "tool_result",
        "tool_use_id": tool_use_id,
        "content": content,
        "is_error": is_error,
    }
