"""Scripted models: response bodies, the protocol check, and the factory."""

import asyncio
import json
from typing import Any

import httpx2
import pytest

from harness.errors import ModelAPIError, ModelConfigError
from harness.models import DEFAULT_ANTHROPIC_MODEL, open_model
from harness.models.anthropic_client import AnthropicClient
from harness.models.base import ModelClient
from harness.models.scripted import (
    SCRIPTED_API_KEY,
    SCRIPTED_BASE_URL,
    NoopScript,
    ScriptError,
    assistant_message,
    check_tool_protocol,
    scripted_client,
    scripted_transport,
)

TOOLS = [{"name": "Write", "description": "w", "input_schema": {"type": "object"}}]
FILES = [("/w/app/main.py", "print('hi')\n"), ("/w/app/db.py", "DB = 1\n")]


def request(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"model": "oracle", "max_tokens": 10, "messages": messages, "tools": TOOLS}


def result_for(tool_id: str) -> dict[str, Any]:
    return {"type": "tool_result", "tool_use_id": tool_id, "content": "ok", "is_error": False}


def test_response_body_is_valid_messages_json_with_estimated_tokens() -> None:
    req = request([{"role": "user", "content": "x" * 400}])
    content = [{"type": "text", "text": "y" * 40}]
    body = assistant_message(req, content, "end_turn")
    assert set(body) == {
        "id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage",
    }  # fmt: skip
    assert body["type"] == "message" and body["role"] == "assistant"
    assert body["usage"]["input_tokens"] == len(json.dumps(req)) // 4
    assert body["usage"]["output_tokens"] == len(json.dumps(content)) // 4 == 17
    assert body["usage"]["cache_creation_input_tokens"] == 0


TOOL_USE = {"type": "tool_use", "id": "toolu_a", "name": "Write", "input": {}}


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ([{"type": "text", "text": "note"}, result_for("toolu_a")], "[]"),
        ([result_for("toolu_b")], "['toolu_b']"),
    ],
)
def test_protocol_check_rejects_misplaced_tool_results(
    answer: list[dict[str, Any]], found: str
) -> None:
    messages: list[dict[str, Any]] = [
        {"role": "user", "content": "go"},
        {"role": "assistant", "content": [TOOL_USE]},
        {"role": "user", "content": answer},
    ]
    with pytest.raises(ScriptError) as info:
        check_tool_protocol(request(messages))
    assert str(info.value) == (
        "messages.2: expected tool_result blocks for ['toolu_a'] at the beginning of this "
        f"message, found {found}"
    )
    assert info.value.fault.status == 400


def test_protocol_check_rejects_unanswered_trailing_tool_use_and_missing_tools() -> None:
    messages: list[dict[str, Any]] = [
        {"role": "user", "content": "go"},
        {"role": "assistant", "content": [TOOL_USE]},
    ]
    with pytest.raises(ScriptError, match=r"^messages\.2: expected tool_result"):
        check_tool_protocol(request(messages))
    answered = [*messages, {"role": "user", "content": [result_for("toolu_a")]}]
    check_tool_protocol(request(answered))
    with pytest.raises(ScriptError, match="must define tools"):
        check_tool_protocol({**request(answered), "tools": []})


def test_protocol_violation_reaches_the_client_as_http_400() -> None:
    client = scripted_client(NoopScript(), "noop")
    bad: list[dict[str, Any]] = [
        {"role": "user", "content": "go"},
        {"role": "assistant", "content": [TOOL_USE]},
        {"role": "user", "content": "forgot the result"},
    ]

    async def call() -> None:
        try:
            await client.generate(system="s", messages=bad, tools=TOOLS, max_tokens=10)
        finally:
            await client.close()

    with pytest.raises(ModelAPIError, match=r"^Anthropic API error 400 invalid_request_error: "):
        asyncio.run(call())


def close(model: ModelClient) -> None:
    asyncio.run(model.close())


def test_open_model_offline_specs() -> None:
    noop = open_model("noop")
    oracle = open_model("oracle", oracle_files=FILES, check_command="true")
    assert (noop.model_id, oracle.model_id) == ("noop", "oracle")
    assert isinstance(noop, AnthropicClient)
    close(noop)
    close(oracle)


def test_open_model_oracle_needs_files() -> None:
    with pytest.raises(ModelConfigError, match="needs the task's reference solution"):
        open_model("oracle")


def test_open_model_anthropic_needs_a_key() -> None:
    with pytest.raises(ModelConfigError) as info:
        open_model(f"anthropic/{DEFAULT_ANTHROPIC_MODEL}")
    assert str(info.value) == "ANTHROPIC_API_KEY is not set; export it or use --model oracle"
    model = open_model("anthropic/claude-sonnet-4-5", api_key="sk-test")
    assert model.model_id == "claude-sonnet-4-5"
    close(model)


@pytest.mark.parametrize("spec", ["gpt-4", "anthropic/", "openai/", "azure/gpt-4", ""])
def test_open_model_rejects_unknown_specs(spec: str) -> None:
    with pytest.raises(ModelConfigError) as info:
        open_model(spec)
    assert str(info.value) == (
        f"unknown model {spec!r}; use one of: oracle, mutant, noop, anthropic/<model-id>, "
        "openai/<model-id> (e.g. anthropic/claude-sonnet-4-5)"
    )


def test_open_model_openai_needs_a_key_or_a_local_server() -> None:
    with pytest.raises(ModelConfigError, match="OPENAI_API_KEY is not set"):
        open_model("openai/gpt-x", env={})
    local = open_model("openai/qwen", env={"OPENAI_BASE_URL": "http://localhost:8080/v1"})
    assert local.model_id == "qwen"
    close(local)


def test_noop_script_ends_at_once() -> None:
    body = NoopScript().respond(request([{"role": "user", "content": "task"}]))
    assert body["stop_reason"] == "end_turn"
    assert body["content"] == [{"type": "text", "text": "Nothing to do."}]


class CrashingScript:
    def respond(self, request: dict[str, Any]) -> dict[str, Any]:
        raise KeyError("step")


def test_a_crashing_script_is_reported_once_not_retried_as_a_connection_error() -> None:
    transport = scripted_transport(CrashingScript())
    client = AnthropicClient(
        "x",
        api_key=SCRIPTED_API_KEY,
        http_client=httpx2.AsyncClient(transport=transport),
        base_url=SCRIPTED_BASE_URL,
    )

    async def call() -> None:
        try:
            messages: list[dict[str, Any]] = [{"role": "user", "content": "hi"}]
            await client.generate(system="s", messages=messages, tools=[], max_tokens=5)
        finally:
            await client.close()

    with pytest.raises(ModelAPIError, match="scripted model crashed: KeyError: 'step'"):
        asyncio.run(call())
    assert len(transport.requests) == 1
