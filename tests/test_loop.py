"""The agent loop against scripted models (the real SDK over a mock transport) and fake tools."""

import asyncio
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest

from harness.agent.base import AgentResult, LoopLimits
from harness.agent.builtin.loop import ToolRunner, run_agent
from harness.agent.builtin.tools import ToolSession, run_tool, tool_definitions
from harness.errors import SandboxError
from harness.models.anthropic_client import AnthropicClient
from harness.models.base import Block, FatalModelError, Message, ModelTurn, Usage
from harness.models.oracle import OracleScript
from harness.models.scripted import (
    Fault,
    NoopScript,
    Script,
    ScriptedTransport,
    SequenceScript,
    scripted_transport,
)
from harness.sandbox.fake import FakeSandbox

TOOL_DEFS = tool_definitions(("Read", "Write", "Bash"))  # the oracle finds tools by schema
LIMITS = LoopLimits(max_turns=20, max_tokens_total=1_000_000, wall_time=30.0)
FILES = [(f"/work/app/mod{i}.py", f"VALUE = {i}\n") for i in range(3)]


@dataclass(frozen=True)
class FakeResult:
    content: str
    is_error: bool = False


@dataclass
class FakeTools:
    """Records calls; answers "ok", or what `answers` says for a tool name."""

    answers: dict[str, FakeResult] = field(default_factory=dict)
    delay: float = 0.0
    fail_with: Exception | None = None
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    async def __call__(self, name: str, args: dict[str, Any]) -> FakeResult:
        self.calls.append((name, args))
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fail_with:
            raise self.fail_with
        return self.answers.get(name, FakeResult(f"ok {name}"))


@dataclass
class Run:
    result: AgentResult
    transport: ScriptedTransport
    events: list[dict[str, Any]]


def run(
    script: Script,
    tools: ToolRunner | None = None,
    limits: LoopLimits = LIMITS,
    faults: list[int | Fault] | None = None,
) -> Run:
    transport = scripted_transport(script, faults=faults or [])
    model = AnthropicClient(
        "scripted",
        api_key="offline-scripted",
        http_client=httpx2.AsyncClient(transport=transport),
        base_url="http://scripted.invalid",
        max_retries=1,
    )
    events: list[dict[str, Any]] = []

    async def go() -> AgentResult:
        try:
            return await run_agent(
                model=model,
                tools=tools or FakeTools(),
                tool_defs=TOOL_DEFS,
                system_prompt="You are an engineer.",
                user_prompt="Build the app.",
                limits=limits,
                on_event=events.append,
            )
        finally:
            await model.close()

    return Run(asyncio.run(go()), transport, events)


def tool_use(tool_id: str, name: str = "Bash", **args: Any) -> Block:
    return {"type": "tool_use", "id": tool_id, "name": name, "input": args}


def user_messages(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m["role"] == "user"]


def test_oracle_run_writes_every_file_then_checks_and_completes() -> None:
    tools = FakeTools()
    r = run(OracleScript(FILES, "pytest -q"), tools)

    assert tools.calls == [
        *[("Write", {"file_path": p, "content": c}) for p, c in FILES],
        ("Bash", {"command": "pytest -q"}),
    ]
    assert (r.result.outcome, r.result.turns) == ("completed", 5)
    assert r.result.reason == "the model ended its turn (end_turn)"
    assert (r.result.tool_calls, r.result.tool_errors, r.result.truncated_turns) == (4, 0, 0)
    for n, message in enumerate(user_messages(r.result.messages)[1:]):
        assert message["content"] == [
            {"type": "tool_result", "tool_use_id": f"toolu_oracle_{n}",
             "content": "ok Bash" if n == 3 else "ok Write", "is_error": False}
        ]  # fmt: skip
    assert len(r.transport.requests) == 5
    expected_input = sum(len(json.dumps(req)) // 4 for req in r.transport.requests)
    assert r.result.usage.input_tokens == expected_input
    per_turn = [e["usage"] for e in r.events if e["type"] == "model_turn"]
    assert r.result.usage == sum((Usage(**u) for u in per_turn), Usage())
    assert r.result.usage.output_tokens > 0


def test_assistant_content_is_kept_verbatim_and_requests_send_it_back() -> None:
    thinking = {"type": "thinking", "thinking": "plan", "signature": "sig=="}
    first = [thinking, {"type": "text", "text": "Run it."}, tool_use("t1", command="ls")]
    r = run(SequenceScript([(first, "tool_use")]))

    assert r.result.messages[1] == {"role": "assistant", "content": first}
    assert r.transport.requests[1]["messages"][1] == {"role": "assistant", "content": first}
    assert r.transport.requests[1]["tools"][0]["name"] == "Read"


def test_noop_makes_no_tool_calls() -> None:
    tools = FakeTools()
    r = run(NoopScript(), tools)
    assert (r.result.outcome, r.result.turns, r.result.tool_calls) == ("completed", 1, 0)
    assert tools.calls == []
    assert r.result.messages == [
        {"role": "user", "content": "Build the app."},
        {"role": "assistant", "content": [{"type": "text", "text": "Nothing to do."}]},
    ]


def test_parallel_tool_uses_run_in_order_with_results_in_order() -> None:
    step = [tool_use("a", command="one"), tool_use("b", "Write", file_path="/x", content="")]
    tools = FakeTools()
    r = run(SequenceScript([(step, "tool_use")]), tools)
    assert [name for name, _ in tools.calls] == ["Bash", "Write"]
    results = r.result.messages[2]["content"]
    assert [b["tool_use_id"] for b in results] == ["a", "b"]
    assert r.result.tool_calls == 2


def test_turn_limit_stops_after_running_the_last_turns_tools() -> None:
    tools = FakeTools()
    limits = LoopLimits(max_turns=2, max_tokens_total=1_000_000, wall_time=30.0)
    r = run(OracleScript(FILES, None), tools, limits)
    assert (r.result.outcome, r.result.reason) == ("max_turns", "turn limit of 2 reached")
    assert (r.result.turns, r.result.tool_calls, len(r.transport.requests)) == (2, 2, 2)


def test_token_limit_stops_before_the_next_model_call() -> None:
    limits = LoopLimits(max_turns=20, max_tokens_total=50, wall_time=30.0)
    r = run(OracleScript(FILES, None), FakeTools(), limits)
    assert r.result.outcome == "max_tokens"
    assert r.result.turns == 1
    assert len(r.transport.requests) == 1
    assert r.result.reason == f"token limit of 50 reached ({r.result.usage.total} tokens used)"


def test_wall_time_interrupts_a_slow_tool() -> None:
    limits = LoopLimits(max_turns=20, max_tokens_total=1_000_000, wall_time=0.3)
    r = run(OracleScript(FILES, None), FakeTools(delay=10.0), limits)
    assert r.result.outcome == "wall_time"
    assert r.result.reason == "wall-time limit of 0.3s reached (tool Write)"
    assert 0.3 <= r.result.duration < 2.0
    assert r.result.tool_calls == 0


class SlowModel:
    model_id = "slow"

    async def generate(
        self, *, system: str, messages: list[Message], tools: list[Block], max_tokens: int
    ) -> ModelTurn:
        await asyncio.sleep(10.0)
        raise AssertionError("the wall-time limit should have cancelled this call")

    async def close(self) -> None:
        pass


def test_wall_time_interrupts_a_slow_model() -> None:
    limits = LoopLimits(max_turns=20, max_tokens_total=1_000_000, wall_time=0.2)

    async def go() -> AgentResult:
        return await run_agent(
            model=SlowModel(),
            tools=FakeTools(),
            tool_defs=[],
            system_prompt="s",
            user_prompt="u",
            limits=limits,
        )

    result = asyncio.run(go())
    assert (result.outcome, result.turns) == ("wall_time", 0)
    assert result.reason == "wall-time limit of 0.2s reached (waiting for the model)"
    assert result.duration < 2.0


def test_max_tokens_with_a_truncated_tool_use_answers_it_as_an_error() -> None:
    cut = [{"type": "text", "text": "Writing."}, tool_use("t1", "Write", file_path="/a")]
    tools = FakeTools()
    r = run(SequenceScript([(cut, "max_tokens")]), tools)

    assert tools.calls == []
    [result] = r.transport.requests[1]["messages"][2]["content"]
    assert result["tool_use_id"] == "t1"
    assert result["is_error"] is True
    assert result["content"].startswith("Your output hit the max_tokens limit (8192)")
    assert (r.result.outcome, r.result.truncated_turns, r.result.tool_calls) == ("completed", 1, 0)


def test_max_tokens_in_text_asks_the_model_to_continue() -> None:
    r = run(SequenceScript([([{"type": "text", "text": "Half a sent"}], "max_tokens")]))
    assert r.transport.requests[1]["messages"][2]["role"] == "user"
    assert r.result.messages[2] == {"role": "user", "content": "continue"}
    assert (r.result.outcome, r.result.turns, r.result.truncated_turns) == ("completed", 2, 1)


def test_refusal_ends_the_episode() -> None:
    r = run(SequenceScript([([{"type": "text", "text": "I can't help."}], "refusal")]))
    assert (r.result.outcome, r.result.turns) == ("refusal", 1)
    assert len(r.transport.requests) == 1


def test_pause_turn_sends_the_assistant_content_back_and_calls_again() -> None:
    paused = [{"type": "text", "text": "Still working"}]
    r = run(SequenceScript([(paused, "pause_turn")]))
    second = r.transport.requests[1]["messages"]
    assert [m["role"] for m in second] == ["user", "assistant"]
    assert second[1]["content"][0]["text"] == "Still working"
    assert (r.result.outcome, r.result.turns) == ("completed", 2)


def test_context_window_stop_reason_and_error_end_as_context_exceeded() -> None:
    r = run(SequenceScript([([], "model_context_window_exceeded")]))
    assert r.result.outcome == "context_exceeded"
    too_long = Fault(400, "prompt is too long: 201000 tokens > 200000 maximum")
    r = run(NoopScript(), faults=[too_long])
    assert (r.result.outcome, r.result.turns) == ("context_exceeded", 0)
    assert "prompt is too long" in r.result.reason


def test_tool_error_is_sent_back_with_is_error_true() -> None:
    tools = FakeTools(answers={"Bash": FakeResult("exit code 1: boom", is_error=True)})
    r = run(OracleScript([], "make test"), tools)
    assert r.transport.requests[1]["messages"][2]["content"] == [
        {"type": "tool_result", "tool_use_id": "toolu_oracle_0",
         "content": "exit code 1: boom", "is_error": True,
         "cache_control": {"type": "ephemeral"}}
    ]  # fmt: skip
    assert "cache_control" not in r.result.messages[2]["content"][0]
    assert (r.result.outcome, r.result.tool_calls, r.result.tool_errors) == ("completed", 1, 1)


def test_empty_error_output_gets_a_placeholder_the_api_accepts() -> None:
    tools = FakeTools(answers={"Bash": FakeResult("", is_error=True)})
    r = run(OracleScript([], "false"), tools)
    assert r.result.messages[2]["content"][0]["content"] == "(the tool failed without output)"


def test_sandbox_error_from_a_tool_is_an_infra_outcome() -> None:
    tools = FakeTools(fail_with=SandboxError("container 1234 is gone"))
    r = run(OracleScript(FILES, None), tools)
    assert r.result.outcome == "sandbox_error"
    assert r.result.reason == "tool Write: container 1234 is gone"


def test_api_failure_after_retries_is_a_model_error() -> None:
    r = run(NoopScript(), faults=[500, 500])
    assert r.result.outcome == "model_error"
    assert r.result.reason.startswith("Anthropic API error 500 api_error:")
    assert len(r.transport.requests) == 2


def test_fatal_model_error_propagates() -> None:
    with pytest.raises(FatalModelError, match="401 authentication_error"):
        run(NoopScript(), faults=[401])


def test_events_are_json_and_tool_output_is_clipped() -> None:
    tools = FakeTools(answers={"Write": FakeResult("x" * 5000)})
    r = run(OracleScript(FILES[:1], None), tools)
    json.dumps(r.events)
    assert [e["type"] for e in r.events] == [
        "model_turn", "tool_call", "tool_result", "model_turn", "agent_end",
    ]  # fmt: skip
    turn, call, result = r.events[:3]
    assert turn["stop_reason"] == "tool_use" and turn["turn"] == 1
    assert turn["usage"]["input_tokens"] > 0
    assert call["name"] == "Write" and call["input"]["file_path"] == FILES[0][0]
    assert result["content"] == "x" * 2000 and result["content_chars"] == 5000
    assert result["is_error"] is False
    assert all(isinstance(e["time"], float) and e["elapsed"] >= 0 for e in r.events)
    assert r.events[-1]["outcome"] == "completed"
    # the transcript itself keeps the whole output
    assert r.result.messages[2]["content"][0]["content"] == "x" * 5000


def test_oracle_through_the_real_tools_overwrites_an_existing_file(tmp_path: Path) -> None:
    """End to end without Docker: scripted model -> loop -> harness.agent.builtin.tools ->
    FakeSandbox."""
    sandbox = FakeSandbox(tmp_path)
    existing = Path(sandbox.workdir, "app.py")
    existing.write_text("OLD = 1\n")
    files = [(str(existing), "NEW = 2\n"), (f"{sandbox.workdir}/pkg/new.py", "X = 3\n")]
    session = ToolSession(sandbox=sandbox)
    tools = functools.partial(run_tool, session)
    r = run(OracleScript(files, None), tools=tools)

    assert r.result.outcome == "completed"
    assert existing.read_text() == "NEW = 2\n"
    assert Path(sandbox.workdir, "pkg/new.py").read_text() == "X = 3\n"
    called = [(e["name"], e["is_error"]) for e in r.events if e["type"] == "tool_result"]
    assert called == [("Write", True), ("Read", False), ("Write", False), ("Write", False)]


def test_injected_faults_end_as_completed_or_model_error_never_a_crash() -> None:
    """20% of model requests fail (429/500/529, dropped connections, malformed 200 bodies):
    every episode either completes (the SDK's retries absorbed the faults) or ends as a
    model_error naming the failure; nothing raises and nothing is misfiled."""
    outcomes: dict[str, int] = {}
    injected = 0
    for seed in range(40):
        transport = ScriptedTransport(OracleScript(FILES, None), fault_rate=0.2, seed=seed)
        model = AnthropicClient(
            "scripted",
            api_key="offline-scripted",
            http_client=httpx2.AsyncClient(transport=transport),
            base_url="http://scripted.invalid",
            max_retries=1,
        )

        async def go(model: AnthropicClient = model) -> AgentResult:
            try:
                return await run_agent(
                    model=model,
                    tools=FakeTools(),
                    tool_defs=TOOL_DEFS,
                    system_prompt="s",
                    user_prompt="Build the app.",
                    limits=LIMITS,
                )
            finally:
                await model.close()

        result = asyncio.run(go())
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
        injected += len(transport.injected)
        if result.outcome == "model_error":
            assert result.reason.startswith("Anthropic API"), result.reason
    assert set(outcomes) == {"completed", "model_error"}, outcomes
    assert injected >= 20
