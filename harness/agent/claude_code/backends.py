"""Who answers the model requests Claude Code makes: the bridge's two backends.

- `PassthroughBackend` (`anthropic/...`): the request goes to the Messages API as Claude Code
  sent it (betas, cache_control, thinking, context management intact), with the run's model id
  and the key added here, on the host; the response streams back unchanged.
- `ClientBackend` (everything else): any ModelClient answers (scripted oracle/mutant/noop,
  replay, an OpenAI-compatible server translated both ways), and its turn is sent back as the
  stream Claude Code expects.
"""

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import aiohttp

from harness.agent.claude_code.sse import MessageAccumulator, encode_message
from harness.errors import ModelAPIError
from harness.models.base import ContextWindowExceeded, FatalModelError, ModelClient, ModelTurn

DEFAULT_ANTHROPIC_URL = "https://api.anthropic.com"
_FORWARDED = ("anthropic-beta", "anthropic-version", "content-type")
MAX_RECORDED = 8 * 1024 * 1024
UPSTREAM_TIMEOUT = 600.0
_DROPPED_RESPONSE = {"content-encoding", "content-length", "transfer-encoding", "connection"}


@dataclass
class Reply:
    """One answered request: status and headers first, then the body in chunks. After the
    body is consumed, `message` holds the assistant message (None when there was none) and
    `error` a one-line description of a failure; `fatal` marks failures that must stop the run
    (a bad key, no permission)."""

    status: int
    headers: list[tuple[str, str]]
    body: AsyncIterator[bytes]
    message: dict[str, Any] | None = None
    error: str = ""
    fatal: bool = False
    stream_state: MessageAccumulator = field(default_factory=MessageAccumulator)


class Backend(Protocol):
    @property
    def model_id(self) -> str: ...

    async def messages(self, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        """Answer one POST /v1/messages (body already parsed). Never raises for API failures:
        they come back as a Reply with `error` set."""
        ...

    async def close(self) -> None: ...


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


def error_reply(status: int, kind: str, message: str, *, fatal: bool = False) -> Reply:
    body = {"type": "error", "error": {"type": kind, "message": message}}
    return Reply(
        status,
        [("content-type", "application/json")],
        _once(json.dumps(body).encode()),
        error=f"{status} {kind}: {message}"[:300],
        fatal=fatal,
    )


def message_of(turn: ModelTurn, model: str, step: int) -> dict[str, Any]:
    return {
        "id": f"msg_archbench_{step}",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": turn.content,
        "stop_reason": turn.stop_reason,
        "stop_sequence": None,
        "usage": {
            "input_tokens": turn.usage.input_tokens,
            "output_tokens": turn.usage.output_tokens,
            "cache_creation_input_tokens": turn.usage.cache_creation_input_tokens,
            "cache_read_input_tokens": turn.usage.cache_read_input_tokens,
        },
    }


def message_reply(message: dict[str, Any], *, stream: bool) -> Reply:
    if stream:
        data, kind = encode_message(message), "text/event-stream"
    else:
        data, kind = json.dumps(message).encode(), "application/json"
    return Reply(200, [("content-type", kind)], _once(data), message=message)


def system_text(system: Any) -> str:
    """The system prompt as one string (Claude Code sends a list of text blocks). Pure."""
    if isinstance(system, str):
        return system
    return "\n\n".join(str(b.get("text", "")) for b in system or [] if isinstance(b, dict))


class ClientBackend:
    """Answers with a ModelClient; deferred-loading placeholders are not offered to it."""

    def __init__(self, client: ModelClient) -> None:
        self._client = client
        self._step = 0

    @property
    def model_id(self) -> str:
        return self._client.model_id

    async def messages(self, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        tools = [t for t in body.get("tools") or [] if not t.get("defer_loading")]
        try:
            turn = await self._client.generate(
                system=system_text(body.get("system")),
                messages=list(body.get("messages") or []),
                tools=tools,
                max_tokens=int(body.get("max_tokens") or 8192),
            )
        except ContextWindowExceeded as err:
            return error_reply(400, "invalid_request_error", f"prompt is too long: {err}")
        except FatalModelError as err:
            return error_reply(401, "authentication_error", str(err), fatal=True)
        except ModelAPIError as err:
            return error_reply(529, "overloaded_error", str(err))
        self._step += 1
        message = message_of(turn, turn.model or self.model_id, self._step)
        return message_reply(message, stream=bool(body.get("stream")))

    async def close(self) -> None:
        await self._client.close()


class PassthroughBackend:
    """Forwards to the Messages API with the key added on the host; streams the answer back.

    aiohttp, not the SDK's httpx2: a passthrough needs raw bytes, and aiohttp's round trip is
    about half of httpx2's (benchmarks/bridge_overhead.py)."""

    def __init__(
        self, model_id: str, *, api_key: str, base_url: str = DEFAULT_ANTHROPIC_URL
    ) -> None:
        self._model = model_id
        self._key = api_key
        self._url = base_url.rstrip("/") + "/v1/messages?beta=true"
        self._session: aiohttp.ClientSession | None = None

    @property
    def model_id(self) -> str:
        return self._model

    async def messages(self, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        sent = {k: v for k, v in headers.items() if k.lower() in _FORWARDED}
        sent["x-api-key"] = self._key
        payload = json.dumps({**body, "model": self._model}).encode()
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=UPSTREAM_TIMEOUT), auto_decompress=True
            )
        try:
            response = await self._session.post(self._url, data=payload, headers=sent)
        except (aiohttp.ClientError, TimeoutError) as err:
            return error_reply(529, "overloaded_error", f"Anthropic API unreachable: {err}")
        kept = [(k, v) for k, v in response.headers.items() if k.lower() not in _DROPPED_RESPONSE]
        reply = Reply(response.status, kept, _empty())
        reply.body = self._relay(response, reply)
        return reply

    async def _relay(self, response: aiohttp.ClientResponse, reply: Reply) -> AsyncIterator[bytes]:
        raw = b""
        streaming = "text/event-stream" in response.headers.get("content-type", "")
        try:
            async for chunk in response.content.iter_any():
                if reply.status == 200 and streaming:
                    reply.stream_state.feed(chunk)
                elif len(raw) < MAX_RECORDED:
                    raw += chunk
                yield chunk
        except (aiohttp.ClientError, TimeoutError) as err:
            reply.error = f"Anthropic API stream broke: {err}"[:300]
            return
        finally:
            response.release()
        if reply.status == 200 and streaming:
            reply.message = reply.stream_state.message or None
            if reply.stream_state.error:
                reply.error = f"stream error: {reply.stream_state.error}"[:300]
        elif reply.status == 200:
            try:
                reply.message = json.loads(raw) if raw else None
            except ValueError:
                reply.error = "the API's answer was neither a stream nor JSON"
        else:
            text = raw[:200].decode(errors="replace")
            reply.error = f"Anthropic API error {reply.status}: {text}"
            reply.fatal = reply.status in (401, 403)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


async def _empty() -> AsyncIterator[bytes]:
    return
    yield b""
