"""The passthrough backend against a fake Messages API on loopback: the request goes out as
Claude Code sent it, with the run's model and the host's key; the answer streams back byte for
byte and is recorded."""

import asyncio
import json
from dataclasses import dataclass, field

from aiohttp import web

from harness.agent.claude_code.backends import PassthroughBackend, Reply
from harness.agent.claude_code.sse import encode_message

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


@dataclass
class Seen:
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def drain(status: int, answer: bytes, kind: str) -> tuple[Reply, bytes, Seen]:
    """One passthrough request against a server that answers `status`, `answer`, `kind`."""
    seen = Seen()

    async def handler(request: web.Request) -> web.Response:
        seen.url, seen.headers, seen.body = str(request.rel_url), dict(request.headers), b""
        seen.body = await request.read()
        return web.Response(status=status, body=answer, content_type=kind)

    async def go() -> tuple[Reply, bytes]:
        app = web.Application()
        app.router.add_post("/v1/messages", handler)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        backend = PassthroughBackend(
            "claude-x", api_key="sk-real", base_url=f"http://127.0.0.1:{port}"
        )
        try:
            reply = await backend.messages(BODY, HEADERS)
            data = b"".join([c async for c in reply.body])
        finally:
            await backend.close()
            await runner.cleanup()
        return reply, data

    reply, data = asyncio.run(go())
    return reply, data, seen


def test_the_request_goes_out_as_sent_with_the_run_model_and_the_host_key() -> None:
    stream = encode_message(MESSAGE)
    reply, data, sent = drain(200, stream, "text/event-stream")
    assert sent.url == "/v1/messages?beta=true"
    assert sent.headers["x-api-key"] == "sk-real"
    assert sent.headers["anthropic-beta"] == HEADERS["anthropic-beta"]
    assert "x-claude-code-session-id" not in {k.lower() for k in sent.headers}
    body = json.loads(sent.body)
    assert body == {**BODY, "model": "claude-x"}  # betas, cache_control, thinking intact
    assert data == stream and reply.status == 200
    assert reply.message is not None and reply.message["content"] == MESSAGE["content"]
    assert reply.message["usage"]["input_tokens"] == 11 and not reply.error


def test_a_refused_key_is_fatal_and_passed_back() -> None:
    error = b'{"type":"error","error":{"type":"authentication_error","message":"bad key"}}'
    reply, data, _ = drain(401, error, "application/json")
    assert reply.status == 401 and data == error
    assert reply.fatal and "bad key" in reply.error and reply.message is None


def test_an_overloaded_api_is_an_error_but_not_fatal() -> None:
    reply, _, _ = drain(529, b'{"type":"error"}', "application/json")
    assert reply.status == 529 and reply.error and not reply.fatal


def test_a_json_answer_to_a_non_streaming_request_is_recorded() -> None:
    reply, _, _ = drain(200, json.dumps(MESSAGE).encode(), "application/json")
    assert reply.message == MESSAGE


def test_an_unreachable_api_is_an_overloaded_error() -> None:
    async def go() -> Reply:
        backend = PassthroughBackend("m", api_key="k", base_url="http://127.0.0.1:9")
        try:
            return await backend.messages(BODY, HEADERS)
        finally:
            await backend.close()

    reply = asyncio.run(go())
    assert reply.status == 529 and "unreachable" in reply.error and not reply.fatal
