"""The Messages API's streaming format, both ways. Pure functions.

`message_events` turns one complete assistant message (a Messages API response body) into the
server-sent events a streaming request expects; `MessageAccumulator` rebuilds the message from
such events (to record a passed-through stream and count its tokens).
"""

import json
from dataclasses import dataclass, field
from typing import Any

Event = tuple[str, dict[str, Any]]


def encode_event(name: str, data: dict[str, Any]) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n".encode()


def message_events(message: dict[str, Any]) -> list[Event]:
    """The SSE events of `message`, as the API streams them (text and tool input as deltas)."""
    usage = dict(message.get("usage") or {})
    start = {**message, "content": [], "stop_reason": None, "stop_sequence": None}
    start["usage"] = {**usage, "output_tokens": min(1, int(usage.get("output_tokens", 0)))}
    events: list[Event] = [("message_start", {"type": "message_start", "message": start})]
    for index, block in enumerate(message.get("content") or []):
        events += _block_events(index, block)
    delta = {"stop_reason": message.get("stop_reason"), "stop_sequence": None}
    events.append(
        (
            "message_delta",
            {
                "type": "message_delta",
                "delta": delta,
                "usage": {"output_tokens": int(usage.get("output_tokens", 0))},
            },
        )
    )
    events.append(("message_stop", {"type": "message_stop"}))
    return events


def _block_events(index: int, block: dict[str, Any]) -> list[Event]:
    kind = block.get("type")
    first: dict[str, Any]
    delta: dict[str, Any]
    if kind == "text":
        first, delta = {"type": "text", "text": ""}, {"type": "text_delta", "text": block["text"]}
    elif kind == "tool_use":
        first = {**block, "input": {}}
        delta = {"type": "input_json_delta", "partial_json": json.dumps(block.get("input") or {})}
    elif kind == "thinking":
        first = {"type": "thinking", "thinking": "", "signature": ""}
        delta = {"type": "thinking_delta", "thinking": block.get("thinking", "")}
    else:  # redacted thinking and anything else: whole in the start event
        first, delta = block, {}
    events: list[Event] = [
        (
            "content_block_start",
            {"type": "content_block_start", "index": index, "content_block": first},
        )
    ]
    if delta:
        events.append(
            ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta})
        )
    if kind == "thinking" and block.get("signature"):
        sig = {"type": "signature_delta", "signature": block["signature"]}
        events.append(
            ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": sig})
        )
    events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
    return events


def encode_message(message: dict[str, Any]) -> bytes:
    return b"".join(encode_event(name, data) for name, data in message_events(message))


@dataclass
class MessageAccumulator:
    """Feed it raw SSE bytes in any chunking; `message` is the message they describe."""

    message: dict[str, Any] = field(default_factory=dict)
    error: dict[str, Any] | None = None
    _buffer: bytes = b""
    _json: dict[int, str] = field(default_factory=dict)

    def feed(self, chunk: bytes) -> None:
        self._buffer += chunk.replace(b"\r\n", b"\n")
        while b"\n\n" in self._buffer:
            raw, self._buffer = self._buffer.split(b"\n\n", 1)
            data = [ln[5:].strip() for ln in raw.split(b"\n") if ln.startswith(b"data:")]
            if data:
                try:
                    self._apply(json.loads(b"\n".join(data)))
                except (ValueError, KeyError, IndexError, TypeError):
                    continue

    def _apply(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        if kind == "message_start":
            self.message = dict(event["message"])
            self.message["content"] = []
        elif kind == "content_block_start":
            self.message.setdefault("content", []).append(dict(event["content_block"]))
        elif kind == "content_block_delta":
            self._delta(int(event["index"]), event["delta"])
        elif kind == "content_block_stop":
            index = int(event["index"])
            if index in self._json:
                text = self._json.pop(index)
                self.message["content"][index]["input"] = json.loads(text) if text else {}
        elif kind == "message_delta":
            self.message.update(
                {k: v for k, v in event.get("delta", {}).items() if k in ("stop_reason",)}
            )
            usage = self.message.setdefault("usage", {})
            usage.update({k: v for k, v in (event.get("usage") or {}).items() if v is not None})
        elif kind == "error":
            self.error = dict(event.get("error") or {})

    def _delta(self, index: int, delta: dict[str, Any]) -> None:
        block = self.message["content"][index]
        kind = delta.get("type")
        if kind == "text_delta":
            block["text"] = block.get("text", "") + delta["text"]
        elif kind == "input_json_delta":
            self._json[index] = self._json.get(index, "") + delta["partial_json"]
        elif kind == "thinking_delta":
            block["thinking"] = block.get("thinking", "") + delta["thinking"]
        elif kind == "signature_delta":
            block["signature"] = delta["signature"]
