"""The passthrough backend against a fake Messages API (httpx2.MockTransport): the request
goes out as Claude Code sent it, with the run's model and the host's key; the answer streams
back byte for byte and is recorded."""

import asyncio
import json
from typing import Any

import httpx2

from harness.runtimes.claude_code.backends import PassthroughBackend, Reply
from harness.runtimes.claude_code.sse import encode_message

MESSAGE = {
    "id": "msg_9",
    "type": "message",
    "role": "assistant",
    "model": "claude-x",
    "content": [{"type": "text", "text": "hello"}],
    "stop_reason": "end_turn",
    "stop_sequence": None,
    "usage": {"input_tokens": 11, "output_tokens": 2},
}
HEADERS = {
    "anthropic-beta": "claude-code-20250219,context-management-2025-06-27",
    "anthropic-version": "2023-06-01",
    "x-api-key": "archbench-bridge-no-key",
    "content-type": "application/json",
    "x-claude-code-session-id": "abc",
}
BODY = {
    "model": "claude-opus-5-5",
    "stream": True,
    "max_tokens": 100,
    "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}],
    "system": [{"type": "text", "text": "S", "cache_control": {"type": "ephemeral"}}],
    "thinking": {"type": "adaptive"},
    "context_management": {"edits": [{"type": "clear_thinking_20251015"}]},
}


def serve(status: int, body: bytes, kind: str) -> tuple[PassthroughBackend, list[Any]]:
    seen: list[Any] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(status, content=body, headers={"content-type": kind})

    client = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
    return PassthroughBackend(
        "claude-x", api_key="sk-real", base_url="http://api.test", http_client=client
    ), seen


def drain(backend: PassthroughBackend) -> tuple[Reply, bytes]:
    async def go() -> tuple[Reply, bytes]:
        reply = await backend.messages(BODY, HEADERS)
        data = b"".join([c async for c in reply.body])
        return reply, data

    return asyncio.run(go())


def test_the_request_goes_out_as_sent_with_the_run_model_and_the_host_key() -> None:
    stream = encode_message(MESSAGE)
    backend, seen = serve(200, stream, "text/event-stream")
    reply, data = drain(backend)
    sent = seen[0]
    assert str(sent.url) == "http://api.test/v1/messages?beta=true"
    assert sent.headers["x-api-key"] == "sk-real"
    assert sent.headers["anthropic-beta"] == HEADERS["anthropic-beta"]
    assert "x-claude-code-session-id" not in sent.headers
    body = json.loads(sent.content)
    assert body == {**BODY, "model": "claude-x"}  # betas, cache_control, thinking intact
    assert data == stream and reply.status == 200
    assert reply.message is not None and reply.message["content"] == MESSAGE["content"]
    assert reply.message["usage"]["input_tokens"] == 11 and not reply.error


def test_a_refused_key_is_fatal_and_passed_back() -> None:
    error = b'{"type":"error","error":{"type":"authentication_error","message":"bad key"}}'
    backend, _ = serve(401, error, "application/json")
    reply, data = drain(backend)
    assert reply.status == 401 and data == error
    assert reply.fatal and "bad key" in reply.error and reply.message is None


def test_an_overloaded_api_is_an_error_but_not_fatal() -> None:
    backend, _ = serve(529, b'{"type":"error"}', "application/json")
    reply, _ = drain(backend)
    assert reply.status == 529 and reply.error and not reply.fatal


def test_a_json_answer_to_a_non_streaming_request_is_recorded() -> None:
    backend, _ = serve(200, json.dumps(MESSAGE).encode(), "application/json")
    reply, _ = drain(backend)
    assert reply.message == MESSAGE
