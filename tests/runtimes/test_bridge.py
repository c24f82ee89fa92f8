"""The model bridge without Docker: requests in, answers and transcript events out."""

import asyncio
import json
from typing import Any

from harness.agent.builtin.tools import tool_definitions
from harness.agent.claude_code.backends import ClientBackend, Reply
from harness.agent.claude_code.bridge import Bridge, BridgeLimits, RelayRequest
from harness.agent.claude_code.sse import MessageAccumulator
from harness.models.oracle import OracleScript
from harness.models.scripted import Fault, NoopScript, SequenceScript, scripted_client

TOOLS = tool_definitions(("Read", "Write", "Bash"))
PLACEHOLDER = {"name": "DeferredToolPlaceholder", "input_schema": {}, "defer_loading": True}


def request(messages: list[dict[str, Any]], *, rid: int = 1, stream: bool = True) -> RelayRequest:
    body = {
        "model": "claude-opus-5-5",
        "max_tokens": 128000,
        "stream": stream,
        "system": [{"type": "text", "text": "You are an agent.", "cache_control": {"t": 1}}],
        "tools": [*TOOLS, PLACEHOLDER],
        "messages": messages,
    }
    return RelayRequest(rid, "POST", "/v1/messages?beta=true", {}, json.dumps(body).encode())


async def read(reply: Reply) -> bytes:
    return b"".join([chunk async for chunk in reply.body])


def answer(bridge: Bridge, req: RelayRequest) -> tuple[Reply, dict[str, Any]]:
    async def go() -> tuple[Reply, bytes]:
        reply = await bridge.handle(req)
        return reply, await read(reply)

    reply, data = asyncio.run(go())
    acc = MessageAccumulator()
    acc.feed(data)
    return reply, acc.message


def bridge_of(script: Any, faults: Any = (), **limits: int) -> tuple[Bridge, list[dict[str, Any]]]:
    events: list[dict[str, Any]] = []
    backend = ClientBackend(scripted_client(script, "oracle", faults, max_retries=0))
    args = {"max_turns": 10, "max_tokens_total": 10**9} | limits
    return Bridge(backend, BridgeLimits(**args), events.append), events


def test_a_conversation_through_the_bridge_is_recorded_like_the_builtin_loop() -> None:
    bridge, events = bridge_of(OracleScript([("/workspace/a.py", "A = 1\n")], "pytest -q"))
    user = {"role": "user", "content": [{"type": "text", "text": "build it"}]}
    _, first = answer(bridge, request([user]))
    assert first["stop_reason"] == "tool_use"
    call = first["content"][-1]
    assert (call["name"], call["input"]) == (
        "Write",
        {"file_path": "/workspace/a.py", "content": "A = 1\n"},
    )
    result = {"type": "tool_result", "tool_use_id": call["id"], "content": "File created"}
    convo = [user, {"role": "assistant", "content": first["content"]}]
    _, second = answer(bridge, request([*convo, {"role": "user", "content": [result]}], rid=2))
    assert second["content"][-1]["input"] == {"command": "pytest -q"}
    kinds = [e["type"] for e in events]
    assert kinds == [
        "model_request",
        "model_turn",
        "tool_call",
        "model_request",
        "tool_result",
        "model_turn",
        "tool_call",
    ]
    second_request = events[3]
    assert second_request["messages_from"] == 1  # only what the request added
    assert "system" not in second_request and "tools" not in second_request
    assert events[0]["tools"] == ["Read", "Write", "Bash"]  # no deferred placeholder
    assert events[4]["name"] == "Write" and events[4]["content"] == "File created"
    assert bridge.turns == 2 and bridge.tool_calls == 2 and bridge.usage.total > 0
    assert bridge.offered_tools == ["Read", "Write", "Bash"]


def test_moved_cache_breakpoints_do_not_count_as_a_new_conversation() -> None:
    bridge, events = bridge_of(NoopScript())
    first = {"role": "user", "content": [{"type": "text", "text": "a"}]}
    answer(bridge, request([first]))
    marked = {"role": "user", "content": [{"type": "text", "text": "a", "cache_control": {}}]}
    answer(bridge, request([marked, {"role": "assistant", "content": "x"}], rid=2))
    assert [e["messages_from"] for e in events if e["type"] == "model_request"] == [0, 1]


def test_the_turn_limit_ends_the_session_at_the_bridge() -> None:
    step = (
        [{"type": "tool_use", "id": "t", "name": "Bash", "input": {"command": "ls"}}],
        "tool_use",
    )
    bridge, _ = bridge_of(SequenceScript([step] * 5), max_turns=2)
    user = {"role": "user", "content": "go"}
    for i in range(2):
        _, message = answer(bridge, request([user], rid=i))
        assert message["stop_reason"] == "tool_use"
    assert not bridge.stopped.is_set()
    _, last = answer(bridge, request([user], rid=3))
    assert last["stop_reason"] == "end_turn" and "turn limit of 2" in last["content"][0]["text"]
    assert bridge.stopped.is_set() and bridge.stop is not None
    assert bridge.stop.outcome == "max_turns" and bridge.turns == 2


def test_the_token_limit_ends_the_session() -> None:
    bridge, _ = bridge_of(NoopScript(), max_tokens_total=1)
    answer(bridge, request([{"role": "user", "content": "go"}]))
    answer(bridge, request([{"role": "user", "content": "go"}], rid=2))
    assert bridge.stop is not None and bridge.stop.outcome == "max_tokens"


def test_an_api_failure_after_retries_stops_the_session_as_model_error() -> None:
    bridge, events = bridge_of(NoopScript(), faults=[500])
    reply, _ = answer(bridge, request([{"role": "user", "content": "go"}]))
    assert reply.status == 529 and reply.error
    assert bridge.stop is not None and bridge.stop.outcome == "model_error" and not bridge.fatal
    assert events[-1]["type"] == "model_error"


def test_a_refused_key_is_fatal() -> None:
    bridge, _ = bridge_of(NoopScript(), faults=[Fault(401, "invalid x-api-key")])
    reply, _ = answer(bridge, request([{"role": "user", "content": "go"}]))
    assert reply.status == 401 and "invalid x-api-key" in bridge.fatal


def test_other_paths() -> None:
    bridge, _ = bridge_of(NoopScript())
    hello = asyncio.run(bridge.handle(RelayRequest(1, "HEAD", "/api/hello", {}, b"")))
    assert hello.status == 200
    count = asyncio.run(
        bridge.handle(RelayRequest(2, "POST", "/v1/messages/count_tokens", {}, b"x" * 400))
    )
    assert json.loads(asyncio.run(read(count))) == {"input_tokens": 100}
    other = asyncio.run(bridge.handle(RelayRequest(3, "GET", "/v1/models", {}, b"")))
    assert other.status == 404
    bad = asyncio.run(bridge.handle(RelayRequest(4, "POST", "/v1/messages", {}, b"{no")))
    assert bad.status == 400
    assert bridge.turns == 0


def test_a_non_streaming_request_gets_json() -> None:
    bridge, _ = bridge_of(NoopScript())
    reply = asyncio.run(bridge.handle(request([{"role": "user", "content": "x"}], stream=False)))
    body = json.loads(asyncio.run(read(reply)))
    assert body["type"] == "message" and body["content"][0]["text"] == "Nothing to do."


def test_the_runs_max_cost_stops_the_session_at_the_bridge() -> None:
    seen: list[int] = []

    def within_budget(usage: Any) -> bool:
        seen.append(usage.total)
        return usage.total < 1  # past the budget after the first turn

    bridge, _ = bridge_of(NoopScript())
    bridge.within_budget = within_budget
    _, first = answer(bridge, request([{"role": "user", "content": "go"}]))
    assert first["content"][0]["text"] == "Nothing to do."
    _, second = answer(bridge, request([{"role": "user", "content": "go"}], rid=2))
    assert "--max-cost" in second["content"][0]["text"]
    assert bridge.stop is not None and bridge.stop.outcome == "max_cost"
    assert seen and seen[-1] > 0
