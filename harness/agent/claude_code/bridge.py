"""The model bridge: answers every HTTP request Claude Code makes from inside the sandbox.

It sits between the relay (which carries the requests out of the sandbox) and a Backend (which
produces the answers). It enforces the sample's turn and token limits, counts tokens from the
responses, and writes the same transcript events as the builtin loop (`model_turn`,
`tool_call`, `tool_result`), plus `model_request` with what each request added. No Docker here:
tests drive `handle` directly.
"""

import asyncio
import hashlib
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from harness.agent.base import EVENT_CONTENT_CHARS, EventSink, Outcome, limit_reached
from harness.agent.claude_code.backends import (
    Backend,
    Reply,
    error_reply,
    message_reply,
    system_text,
)
from harness.models.base import Usage

BudgetCheck = Callable[[Usage], bool]
"""Given the sample's usage so far: is the run still within its --max-cost?"""
ToolsHook = Callable[[bool], Awaitable[None]]
"""Called with True when Claude Code starts running tools (a response asked for them), False
when its next request arrives (the harness holds the host lock shared meanwhile)."""


@dataclass(frozen=True)
class RelayRequest:
    id: int
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class BridgeLimits:
    max_turns: int
    max_tokens_total: int
    max_consecutive_errors: int = 1
    """Backend failures in a row that end the session as model_error (a ModelClient has
    retried already; a passthrough lets Claude Code retry a few times first)."""


@dataclass(frozen=True)
class BridgeStop:
    outcome: Outcome
    reason: str


async def _no_hook(running: bool) -> None:
    return None


def _no_budget(usage: Usage) -> bool:
    return True


@dataclass
class Bridge:
    backend: Backend
    limits: BridgeLimits
    on_event: EventSink
    tools_hook: ToolsHook = _no_hook
    within_budget: BudgetCheck = _no_budget
    started: float = field(default_factory=time.monotonic)
    usage: Usage = field(default_factory=Usage)
    turns: int = 0
    requests: int = 0
    tool_calls: int = 0
    tool_errors: int = 0
    errors_in_row: int = 0
    fatal: str = ""
    stop: BridgeStop | None = None
    stopped: asyncio.Event = field(default_factory=asyncio.Event)
    offered_tools: list[str] = field(default_factory=list)
    _tool_names: dict[str, str] = field(default_factory=dict)
    _answered: set[str] = field(default_factory=set)
    _prev_messages: list[Any] = field(default_factory=list)
    _prev_system: str = ""
    _tools_since: float | None = None

    async def handle(self, req: RelayRequest) -> Reply:
        path = req.path.split("?", 1)[0]
        if req.method == "POST" and path == "/v1/messages":
            return await self._messages(req)
        if req.method == "POST" and path == "/v1/messages/count_tokens":
            estimate = {"input_tokens": max(1, len(req.body) // 4)}
            return message_reply(estimate, stream=False)
        if path == "/api/hello":
            return message_reply({}, stream=False)
        return error_reply(404, "not_found_error", f"the archbench bridge has no {path}")

    async def _messages(self, req: RelayRequest) -> Reply:
        try:
            body: dict[str, Any] = json.loads(req.body)
        except ValueError:
            return error_reply(400, "invalid_request_error", "body is not JSON")
        await self._tools_finished()
        self.requests += 1
        self._record_request(body, req.body)
        limit = self.stop or self._limit_reached()
        if limit is not None:
            self._halt(limit)
            text = f"archbench: {limit.reason}; the session ends here."
            message = {
                "id": f"msg_archbench_stop_{self.requests}",
                "type": "message",
                "role": "assistant",
                "model": self.backend.model_id,
                "content": [{"type": "text", "text": text}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": {"input_tokens": 0, "output_tokens": 0},
            }
            return message_reply(message, stream=bool(body.get("stream")))
        started = time.monotonic()
        reply = await self.backend.messages(body, req.headers)
        reply.body = self._observe(reply, reply.body, started)
        return reply

    def _limit_reached(self) -> BridgeStop | None:
        limits = self.limits
        hit = limit_reached(limits.max_turns, limits.max_tokens_total, self.turns, self.usage)
        if hit is not None:
            return BridgeStop(*hit)
        if self.turns and not self.within_budget(self.usage):
            return BridgeStop("max_cost", "the run's --max-cost was reached")
        return None

    def _halt(self, stop: BridgeStop) -> None:
        if self.stop is None:
            self.stop = stop
        self.stopped.set()

    async def _observe(
        self, reply: Reply, body: AsyncIterator[bytes], started: float
    ) -> AsyncIterator[bytes]:
        async for chunk in body:
            yield chunk
        self._finish(reply, time.monotonic() - started)
        if reply.message and reply.message.get("stop_reason") == "tool_use" and not self.stop:
            self._tools_since = time.monotonic()
            await self.tools_hook(True)

    def _finish(self, reply: Reply, duration: float) -> None:
        if reply.error or reply.message is None:
            self.errors_in_row += 1
            self.emit("model_error", status=reply.status, error=reply.error, duration=duration)
            if reply.fatal:
                self.fatal = reply.error
                self._halt(BridgeStop("model_error", reply.error))
            elif self.errors_in_row >= self.limits.max_consecutive_errors:
                self._halt(BridgeStop("model_error", reply.error or "no message in the answer"))
            return
        self.errors_in_row = 0
        message = reply.message
        usage = _usage(message.get("usage") or {})
        self.turns += 1
        self.usage += usage
        content = list(message.get("content") or [])
        self.emit(
            "model_turn",
            model=message.get("model", self.backend.model_id),
            stop_reason=message.get("stop_reason"),
            usage=usage.__dict__,
            duration=duration,
            content=content,
        )
        for block in content:
            if block.get("type") == "tool_use":
                self.tool_calls += 1
                self._tool_names[str(block.get("id"))] = str(block.get("name"))
                self.emit(
                    "tool_call",
                    tool_use_id=block.get("id"),
                    name=block.get("name"),
                    input=block.get("input"),
                )

    async def _tools_finished(self) -> None:
        if self._tools_since is not None:
            await self.tools_hook(False)

    def _record_request(self, body: dict[str, Any], raw: bytes) -> None:
        messages = [_without_cache_marks(m) for m in body.get("messages") or []]
        prev = self._prev_messages
        start = len(prev) if messages[: len(prev)] == prev else 0
        system = system_text(body.get("system"))
        tools = [str(t.get("name")) for t in body.get("tools") or [] if not t.get("defer_loading")]
        fields: dict[str, Any] = {
            "request": self.requests,
            "model_requested": body.get("model"),
            "messages_from": start,
            "messages": messages[start:],
            "body_sha256": hashlib.sha256(raw).hexdigest(),
            "body_bytes": len(raw),
        }
        if system != self._prev_system:
            fields["system"] = system
        if tools != self.offered_tools and tools:
            fields["tools"] = tools
            if not self.offered_tools:
                self.offered_tools = tools
        self.emit("model_request", **fields)
        self._tool_results(messages[start:])
        self._prev_messages, self._prev_system = messages, system

    def _tool_results(self, new_messages: list[Any]) -> None:
        since = self._tools_since
        duration = time.monotonic() - since if since is not None else 0.0
        self._tools_since = None
        for message in new_messages:
            content = message.get("content") if isinstance(message, dict) else None
            for block in content if isinstance(content, list) else []:
                if block.get("type") != "tool_result":
                    continue
                use_id = str(block.get("tool_use_id"))
                if use_id in self._answered:
                    continue
                self._answered.add(use_id)
                text = _result_text(block.get("content"))
                is_error = bool(block.get("is_error"))
                self.tool_errors += is_error
                self.emit(
                    "tool_result",
                    tool_use_id=use_id,
                    name=self._tool_names.get(use_id, ""),
                    is_error=is_error,
                    content=text[:EVENT_CONTENT_CHARS],
                    content_chars=len(text),
                    duration=duration,
                )

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def emit(self, kind: str, **fields: Any) -> None:
        self.on_event(
            {"type": kind, "time": time.time(), "elapsed": self.elapsed(), "turn": self.turns}
            | fields
        )


def _without_cache_marks(value: Any) -> Any:
    """`value` without `cache_control` keys: Claude Code moves its cache breakpoints from
    request to request, which is no change to the conversation. Pure."""
    if isinstance(value, dict):
        return {k: _without_cache_marks(v) for k, v in value.items() if k != "cache_control"}
    if isinstance(value, list):
        return [_without_cache_marks(v) for v in value]
    return value


def _usage(raw: dict[str, Any]) -> Usage:
    def count(key: str) -> int:
        value = raw.get(key)
        return int(value) if isinstance(value, int | float) else 0

    return Usage(
        count("input_tokens"),
        count("output_tokens"),
        count("cache_creation_input_tokens"),
        count("cache_read_input_tokens"),
    )


def _result_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(b.get("text", "")) for b in content if isinstance(b, dict))
    return ""
