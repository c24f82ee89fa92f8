"""Offline scripted models served through the real `anthropic` SDK via `httpx2.MockTransport`.

The SDK's request building, response parsing and retrying all run; only the network is fake.
Every request is first checked against the tool-use protocol (each assistant `tool_use` must be
answered by `tool_result` blocks at the start of the next user message), so a scripted run is
also a test of the agent loop. A violation is answered like the real API does: HTTP 400.
"""

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import httpx2

from harness.models.anthropic_client import AnthropicClient

SCRIPTED_API_KEY = "offline-scripted"
SCRIPTED_BASE_URL = "http://scripted.invalid"

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


class Script(Protocol):
    def respond(self, request: dict[str, Any]) -> dict[str, Any]:
        """The Messages API response body for the parsed request body.

        Raise ScriptError to answer with an API error instead.
        """
        ...


@dataclass(frozen=True)
class Fault:
    """An HTTP error answer; `error_code` fills `error.details.error_code` (e.g. spend limits)."""

    status: int
    message: str = "scripted fault"
    error_code: str | None = None


class ScriptError(Exception):
    """Raised by a script (or the protocol check) to answer with an API error."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.fault = Fault(status, message)


class ScriptedTransport(httpx2.MockTransport):
    """Serves `script`, after answering the first requests with `faults`; keeps every request.

    With `fault_rate`, each later request is also faulted with that probability (seeded): an
    HTTP 429, 500 or 529, a dropped connection, or a malformed 200 body.
    """

    def __init__(
        self,
        script: Script,
        faults: Sequence[int | Fault] = (),
        *,
        fault_rate: float = 0.0,
        seed: int = 0,
    ) -> None:
        super().__init__(self._handle)
        self.script = script
        self.requests: list[dict[str, Any]] = []
        self._faults = [f if isinstance(f, Fault) else Fault(f) for f in faults]
        self._rate = fault_rate
        self._rng = random.Random(seed)
        self.injected: list[str] = []

    def _random_fault(self) -> httpx2.Response | None:
        if not self._rate or self._rng.random() >= self._rate:
            return None
        kind = self._rng.choice(["429", "500", "529", "disconnect", "malformed"])
        self.injected.append(kind)
        if kind == "disconnect":
            raise httpx2.RemoteProtocolError("server disconnected without sending a response")
        if kind == "malformed":
            return httpx2.Response(200, json={"type": "message", "content": "not a list"})
        return error_response(Fault(int(kind)))

    def _handle(self, request: httpx2.Request) -> httpx2.Response:
        body: dict[str, Any] = json.loads(request.content)
        self.requests.append(body)
        if len(self.requests) <= len(self._faults):
            return error_response(self._faults[len(self.requests) - 1])
        injected = self._random_fault()
        if injected is not None:
            return injected
        try:
            check_tool_protocol(body)
            return httpx2.Response(200, json=self.script.respond(body))
        except ScriptError as err:
            return error_response(err.fault)
        except Exception as err:  # a bug in the script: say so, and stop the SDK retrying
            fault = Fault(500, f"scripted model crashed: {type(err).__name__}: {err}")
            response = error_response(fault)
            response.headers["x-should-retry"] = "false"
            return response


def scripted_transport(script: Script, *, faults: Sequence[int | Fault] = ()) -> ScriptedTransport:
    return ScriptedTransport(script, faults)


def scripted_client(
    script: Script,
    model_id: str,
    faults: Sequence[int | Fault] = (),
    *,
    max_retries: int = 4,
) -> AnthropicClient:
    """An AnthropicClient whose HTTP goes to `script` (no network, dummy key)."""
    transport = scripted_transport(script, faults=faults)
    return AnthropicClient(
        model_id,
        api_key=SCRIPTED_API_KEY,
        http_client=httpx2.AsyncClient(transport=transport),
        base_url=SCRIPTED_BASE_URL,
        max_retries=max_retries,
    )


def error_response(fault: Fault) -> httpx2.Response:
    error: dict[str, Any] = {
        "type": _ERROR_TYPES.get(fault.status, "api_error"),
        "message": fault.message,
    }
    if fault.error_code:
        error["details"] = {"error_code": fault.error_code}
    body = {"type": "error", "error": error, "request_id": "req_scripted"}
    # retry-after-ms keeps the SDK's retry back-off to a millisecond.
    headers = {"retry-after-ms": "1", "request-id": "req_scripted"}
    return httpx2.Response(fault.status, json=body, headers=headers)


def check_tool_protocol(request: dict[str, Any]) -> None:
    """Raise ScriptError unless every tool_use is answered first thing in the next user message."""
    messages: list[dict[str, Any]] = request["messages"]
    for index, message in enumerate(messages):
        wanted = [b["id"] for b in blocks_of(message) if b.get("type") == "tool_use"]
        if message["role"] != "assistant" or not wanted:
            continue
        after = messages[index + 1] if index + 1 < len(messages) else {"content": []}
        following = blocks_of(after)[: len(wanted)]
        got = [b.get("tool_use_id") for b in following if b.get("type") == "tool_result"]
        if got != wanted:
            raise ScriptError(
                f"messages.{index + 1}: expected tool_result blocks for {wanted} at the "
                f"beginning of this message, found {got}"
            )
    uses_tools = any(b.get("type") == "tool_use" for m in messages for b in blocks_of(m))
    if uses_tools and not request.get("tools"):
        raise ScriptError("requests that contain tool_use blocks must define tools")


def blocks_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    content = message["content"]
    return [{"type": "text", "text": content}] if isinstance(content, str) else list(content)


def assistant_message(
    request: dict[str, Any], content: list[dict[str, Any]], stop_reason: str
) -> dict[str, Any]:
    """A valid Messages API response body; token counts are estimated as characters / 4."""
    return {
        "id": f"msg_scripted_{assistant_step(request)}",
        "type": "message",
        "role": "assistant",
        "model": request["model"],
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {
            "input_tokens": max(1, len(json.dumps(request)) // 4),
            "output_tokens": max(1, len(json.dumps(content)) // 4),
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        },
    }


def assistant_step(request: dict[str, Any]) -> int:
    """How many assistant turns the conversation already holds (the script's position)."""
    return sum(1 for m in request["messages"] if m["role"] == "assistant")


class NoopScript:
    """Ends at once without touching anything: the floor every agent should beat."""

    def respond(self, request: dict[str, Any]) -> dict[str, Any]:
        content = [{"type": "text", "text": "Nothing to do."}]
        return assistant_message(request, content, "end_turn")


class SequenceScript:
    """Answers step i with `steps[i]` (content blocks, stop_reason); ends once they run out."""

    def __init__(self, steps: Sequence[tuple[list[dict[str, Any]], str]]) -> None:
        self.steps = list(steps)

    def respond(self, request: dict[str, Any]) -> dict[str, Any]:
        step = assistant_step(request)
        if step >= len(self.steps):
            return assistant_message(request, [{"type": "text", "text": "Done."}], "end_turn")
        content, stop_reason = self.steps[step]
        return assistant_message(request, content, stop_reason)
