"""AnthropicClient against the real SDK over scripted transports (no network)."""

import asyncio
import copy
from typing import Any

import httpx2
import pytest

from harness.errors import ModelAPIError
from harness.models.anthropic_client import AnthropicClient
from harness.models.base import ContextWindowExceeded, FatalModelError, ModelTurn
from harness.models.scripted import (
    Fault,
    NoopScript,
    Script,
    ScriptedTransport,
    SequenceScript,
    scripted_transport,
)

EPHEMERAL = {"type": "ephemeral"}
TOOLS = [
    {"name": "Read", "description": "read", "input_schema": {"type": "object"}},
    {"name": "Bash", "description": "run", "input_schema": {"type": "object"}},
]
MAX_RETRIES = 2


def make_client(
    script: Script, faults: list[int | Fault] | None = None, max_retries: int = MAX_RETRIES
) -> tuple[AnthropicClient, ScriptedTransport]:
    transport = scripted_transport(script, faults=faults or [])
    client = AnthropicClient(
        "claude-test",
        api_key="sk-test-secret",
        http_client=httpx2.AsyncClient(transport=transport),
        base_url="http://scripted.invalid",
        max_retries=max_retries,
    )
    return client, transport


def generate(client: AnthropicClient, messages: list[dict[str, Any]], system: str = "sys") -> Any:
    async def go() -> ModelTurn:
        try:
            return await client.generate(
                system=system, messages=messages, tools=TOOLS, max_tokens=100
            )
        finally:
            await client.close()

    return asyncio.run(go())


def test_request_carries_three_cache_breakpoints_without_touching_inputs() -> None:
    client, transport = make_client(NoopScript())
    messages: list[dict[str, Any]] = [
        {"role": "user", "content": "first"},
        {"role": "assistant", "content": [{"type": "text", "text": "ok"}]},
        {"role": "user", "content": "second"},
    ]
    before = copy.deepcopy(messages)
    tools_before = copy.deepcopy(TOOLS)
    generate(client, messages)

    assert messages == before
    assert tools_before == TOOLS
    [sent] = transport.requests
    assert sent["model"] == "claude-test"
    assert sent["max_tokens"] == 100
    assert sent["system"] == [{"type": "text", "text": "sys", "cache_control": EPHEMERAL}]
    assert "cache_control" not in sent["tools"][0]
    assert sent["tools"][1] == {**TOOLS[1], "cache_control": EPHEMERAL}
    assert sent["messages"][:2] == before[:2]
    assert sent["messages"][2] == {
        "role": "user",
        "content": [{"type": "text", "text": "second", "cache_control": EPHEMERAL}],
    }


def test_breakpoint_skips_thinking_block_and_empty_system_is_omitted() -> None:
    client, transport = make_client(NoopScript())
    paused = [{"type": "thinking", "thinking": "hm", "signature": "sig"}]
    messages: list[dict[str, Any]] = [
        {"role": "user", "content": "go"},
        {"role": "assistant", "content": paused},
    ]
    generate(client, messages, system="")

    [sent] = transport.requests
    assert "system" not in sent
    assert sent["messages"][1]["content"] == paused


def test_response_becomes_model_turn_with_usage() -> None:
    client, _ = make_client(NoopScript())
    turn = generate(client, [{"role": "user", "content": "hi"}])

    assert turn.content == [{"type": "text", "text": "Nothing to do."}]
    assert turn.stop_reason == "end_turn"
    assert turn.model == "claude-test"
    assert turn.usage.input_tokens > 0
    assert turn.usage.output_tokens == len('[{"type": "text", "text": "Nothing to do."}]') // 4
    assert turn.usage.cache_read_input_tokens == 0


class NullUsageScript:
    def respond(self, request: dict[str, Any]) -> dict[str, Any]:
        body = NoopScript().respond(request)
        body["usage"] = {"input_tokens": 7, "output_tokens": 3}
        body["usage"]["cache_creation_input_tokens"] = None
        return body


def test_missing_cache_usage_counts_as_zero() -> None:
    client, _ = make_client(NullUsageScript())
    turn = generate(client, [{"role": "user", "content": "hi"}])
    assert (turn.usage.input_tokens, turn.usage.output_tokens) == (7, 3)
    assert turn.usage.cache_creation_input_tokens == 0
    assert turn.usage.total == 10


def test_overloaded_529_is_retried_by_the_sdk() -> None:
    client, transport = make_client(NoopScript(), faults=[529])
    turn = generate(client, [{"role": "user", "content": "hi"}])
    assert turn.stop_reason == "end_turn"
    assert len(transport.requests) == 2


@pytest.mark.parametrize("status", [401, 403])
def test_bad_key_or_permission_is_fatal_and_not_retried(status: int) -> None:
    client, transport = make_client(NoopScript(), faults=[status])
    with pytest.raises(FatalModelError) as info:
        generate(client, [{"role": "user", "content": "hi"}])
    assert len(transport.requests) == 1
    assert str(info.value).startswith(f"Anthropic API error {status} ")
    assert "sk-test-secret" not in str(info.value)


@pytest.mark.parametrize(
    "fault",
    [
        Fault(429, "You have reached your limit", error_code="enforced_spend_limit_reached"),
        Fault(429, "Your workspace spend limit has been reached"),
    ],
)
def test_spend_limit_429_is_fatal(fault: Fault) -> None:
    client, transport = make_client(NoopScript(), faults=[fault] * (MAX_RETRIES + 1))
    with pytest.raises(FatalModelError, match=r"^Anthropic API error 429 rate_limit_error: "):
        generate(client, [{"role": "user", "content": "hi"}])
    # The SDK retries spend-limit 429s like any 429; only the final error is classified.
    assert len(transport.requests) == MAX_RETRIES + 1


def test_ordinary_429_after_retries_is_a_model_error_not_fatal() -> None:
    client, _ = make_client(NoopScript(), faults=[429] * (MAX_RETRIES + 1))
    with pytest.raises(ModelAPIError) as info:
        generate(client, [{"role": "user", "content": "hi"}])
    assert not isinstance(info.value, FatalModelError)


def test_500_on_every_attempt_raises_model_api_error_with_one_line_reason() -> None:
    client, transport = make_client(NoopScript(), faults=[Fault(500, "boom\nline two")] * 3)
    with pytest.raises(ModelAPIError) as info:
        generate(client, [{"role": "user", "content": "hi"}])
    assert type(info.value) is ModelAPIError
    assert str(info.value) == (
        "Anthropic API error 500 api_error: boom line two (request_id req_scripted)"
    )
    assert len(transport.requests) == MAX_RETRIES + 1


def test_prompt_too_long_raises_context_window_exceeded() -> None:
    fault = Fault(400, "prompt is too long: 210000 tokens > 200000 maximum")
    client, transport = make_client(NoopScript(), faults=[fault])
    with pytest.raises(ContextWindowExceeded, match="prompt is too long: 210000"):
        generate(client, [{"role": "user", "content": "hi"}])
    assert len(transport.requests) == 1


def test_other_400_is_a_model_api_error() -> None:
    client, _ = make_client(NoopScript(), faults=[Fault(400, "messages: field required")])
    with pytest.raises(ModelAPIError, match="400 invalid_request_error: messages: field required"):
        generate(client, [{"role": "user", "content": "hi"}])


def test_connection_error_becomes_model_api_error() -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("refused", request=request)

    client = AnthropicClient(
        "claude-test",
        api_key="sk-test-secret",
        http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(refuse)),
        base_url="http://scripted.invalid",
        max_retries=0,
    )
    with pytest.raises(ModelAPIError, match=r"^Anthropic API request failed: Connection error\.$"):
        generate(client, [{"role": "user", "content": "hi"}])


THINKING: list[dict[str, Any]] = [
    {"type": "thinking", "thinking": "Let me look.", "signature": "c2lnbmF0dXJl"},
    {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix"},
    {"type": "text", "text": "Reading."},
    {"type": "tool_use", "id": "toolu_1", "name": "Read", "input": {"file_path": "/w/a.py"}},
]


def test_thinking_blocks_are_echoed_verbatim_in_the_next_request() -> None:
    script = SequenceScript([(THINKING, "tool_use")])
    client, transport = make_client(script)

    async def two_turns() -> None:
        messages: list[dict[str, Any]] = [{"role": "user", "content": "go"}]
        first = await client.generate(system="s", messages=messages, tools=TOOLS, max_tokens=50)
        assert first.content == THINKING
        messages.append({"role": "assistant", "content": first.content})
        result = {
            "type": "tool_result",
            "tool_use_id": "toolu_1",
            "content": "x",
            "is_error": False,
        }
        messages.append({"role": "user", "content": [result]})
        await client.generate(system="s", messages=messages, tools=TOOLS, max_tokens=50)
        await client.close()

    asyncio.run(two_turns())
    assert transport.requests[1]["messages"][1] == {"role": "assistant", "content": THINKING}


def test_repr_does_not_show_the_key() -> None:
    client, _ = make_client(NoopScript())
    assert repr(client) == "AnthropicClient(model='claude-test')"
    assert client.model_id == "claude-test"
    asyncio.run(client.close())


def test_a_malformed_200_body_is_a_model_error_not_a_crash() -> None:
    import asyncio

    import httpx2

    from harness.errors import ModelAPIError
    from harness.models.anthropic_client import AnthropicClient

    transport = httpx2.MockTransport(
        lambda _: httpx2.Response(200, json={"type": "message", "content": "not a list"})
    )
    client = AnthropicClient(
        "m",
        api_key="k",
        http_client=httpx2.AsyncClient(transport=transport),
        base_url="http://scripted.invalid",
        max_retries=0,
    )

    async def go() -> None:
        try:
            await client.generate(
                system="", messages=[{"role": "user", "content": "hi"}], tools=[], max_tokens=10
            )
        finally:
            await client.close()

    with pytest.raises(ModelAPIError, match="malformed message"):
        asyncio.run(go())
