"""`OpenAICompatClient`: a ModelClient for OpenAI-compatible chat-completions servers (vLLM,
llama.cpp, Ollama, other vendors), over httpx2 (the HTTP client the anthropic SDK ships).

The agent loop speaks Anthropic Messages; this adapter translates each request to
chat-completions (system message, tool_calls, role "tool" results) and the reply back to
content blocks (text, tool_use). It retries 408/409/429/5xx, timeouts and connection errors
with exponential backoff, honouring `retry-after`; 401/403 abort the run (FatalModelError); a
context-length 400 is an agent limit; a reply it cannot translate is a ModelAPIError.
"""

import asyncio
import json
import random
import re
from typing import Any

import httpx2

from harness.errors import ModelAPIError
from harness.models.base import (
    Block,
    ContextWindowExceeded,
    FatalModelError,
    Message,
    ModelTurn,
    Usage,
)

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 529})
_CONTEXT = re.compile(r"context length|context window|maximum context|too many tokens", re.I)
STOP_REASONS = {"stop": "end_turn", "tool_calls": "tool_use", "length": "max_tokens"}


def to_chat_messages(system: str, messages: list[Message]) -> list[dict[str, Any]]:
    """Anthropic-format conversation -> chat-completions messages. Pure."""
    out: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
    for m in messages:
        content = m["content"]
        blocks = [{"type": "text", "text": content}] if isinstance(content, str) else content
        if m["role"] == "assistant":
            text = "".join(b.get("text", "") for b in blocks if b.get("type") == "text")
            calls = [
                {
                    "id": b["id"],
                    "type": "function",
                    "function": {"name": b["name"], "arguments": json.dumps(b.get("input", {}))},
                }
                for b in blocks
                if b.get("type") == "tool_use"
            ]
            msg: dict[str, Any] = {"role": "assistant", "content": text or None}
            if calls:
                msg["tool_calls"] = calls
            out.append(msg)
            continue
        texts = []
        for b in blocks:
            if b.get("type") == "tool_result":
                out.append(
                    {"role": "tool", "tool_call_id": b["tool_use_id"], "content": _result_text(b)}
                )
            elif b.get("type") == "text" and b.get("text"):
                texts.append(b["text"])
        if texts:
            out.append({"role": "user", "content": "\n\n".join(texts)})
    return out


def _result_text(block: Block) -> str:
    content = block.get("content", "")
    if isinstance(content, list):
        content = "\n".join(c.get("text", "") for c in content if c.get("type") == "text")
    return f"ERROR: {content}" if block.get("is_error") else str(content)


def to_chat_tools(tools: list[Block]) -> list[dict[str, Any]]:
    return [
        {
            "type": "function",
            "function": {
                "name": t["name"],
                "description": t.get("description", ""),
                "parameters": t.get("input_schema", {"type": "object"}),
            },
        }
        for t in tools
    ]


def turn_from_chat(payload: dict[str, Any]) -> ModelTurn:
    """A chat-completions reply -> ModelTurn. Raises ModelAPIError when it is malformed. Pure."""
    try:
        choice = payload["choices"][0]
        message = choice["message"]
        blocks: list[Block] = []
        if message.get("content"):
            blocks.append({"type": "text", "text": str(message["content"])})
        for call in message.get("tool_calls") or []:
            args = call["function"].get("arguments") or "{}"
            parsed = json.loads(args) if isinstance(args, str) else args
            if not isinstance(parsed, dict):
                raise ValueError("tool arguments are not a JSON object")
            blocks.append(
                {
                    "type": "tool_use",
                    "id": call["id"],
                    "name": call["function"]["name"],
                    "input": parsed,
                }
            )
        finish = choice.get("finish_reason") or ""
        usage = payload.get("usage") or {}
    except (KeyError, IndexError, TypeError, ValueError) as e:
        raise ModelAPIError(f"malformed chat-completions reply: {type(e).__name__}: {e}") from None
    stop = (
        "tool_use"
        if any(b["type"] == "tool_use" for b in blocks)
        else STOP_REASONS.get(finish, finish or "end_turn")
    )
    return ModelTurn(
        content=blocks,
        stop_reason=stop,
        usage=Usage(
            input_tokens=int(usage.get("prompt_tokens") or 0),
            output_tokens=int(usage.get("completion_tokens") or 0),
        ),
        model=str(payload.get("model") or ""),
    )


def retry_delay(
    attempt: int, retry_after: str | None, base: float = 0.5, cap: float = 30.0
) -> float:
    """Seconds before retry `attempt` (0-based): `retry-after` if given, else jittered backoff."""
    if retry_after:
        try:
            return min(cap, max(0.0, float(retry_after)))
        except ValueError:
            pass
    backoff: float = min(cap, base * (1 << attempt))
    return backoff * (0.5 + random.random() / 2)


class OpenAICompatClient:
    def __init__(
        self,
        model: str,
        *,
        base_url: str,
        api_key: str | None = None,
        http_client: httpx2.AsyncClient | None = None,
        max_retries: int = 4,
        timeout: float = 600.0,
        sleep: Any = asyncio.sleep,
    ) -> None:
        self._model = model
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = http_client or httpx2.AsyncClient(timeout=timeout)
        self._max_retries = max_retries
        self._sleep = sleep

    def __repr__(self) -> str:
        return f"OpenAICompatClient(model={self._model!r})"

    @property
    def model_id(self) -> str:
        return self._model

    async def generate(
        self, *, system: str, messages: list[Message], tools: list[Block], max_tokens: int
    ) -> ModelTurn:
        body: dict[str, Any] = {
            "model": self._model,
            "max_tokens": max_tokens,
            "messages": to_chat_messages(system, messages),
        }
        if tools:
            body["tools"] = to_chat_tools(tools)
        for attempt in range(self._max_retries + 1):
            last = attempt == self._max_retries
            try:
                response = await self._client.post(self._url, json=body, headers=self._headers)
            except (httpx2.TimeoutException, httpx2.TransportError) as e:
                if last:
                    raise ModelAPIError(f"chat-completions request failed: {e}") from None
                await self._sleep(retry_delay(attempt, None))
                continue
            if response.status_code == 200:
                try:
                    payload = response.json()
                except ValueError:
                    raise ModelAPIError("chat-completions reply is not JSON") from None
                return turn_from_chat(payload)
            text = response.text[:300]
            if response.status_code in (401, 403):
                raise FatalModelError(f"chat-completions error {response.status_code}: {text}")
            if response.status_code == 400 and _CONTEXT.search(text):
                raise ContextWindowExceeded(f"chat-completions error 400: {text}")
            if response.status_code not in RETRY_STATUSES or last:
                raise ModelAPIError(f"chat-completions error {response.status_code}: {text}")
            await self._sleep(retry_delay(attempt, response.headers.get("retry-after")))
        raise AssertionError("unreachable")

    async def close(self) -> None:
        await self._client.aclose()
