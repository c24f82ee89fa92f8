"""`AnthropicClient`: the ModelClient backed by the Messages API (the only module that imports
`anthropic`).

The SDK does the retrying (408, 409, 429, >= 500, connection errors); this adapter only decides
what a final failure means: `ContextWindowExceeded` (agent limit), `FatalModelError` (abort the
run: bad key, no permission, spend limit) or `ModelAPIError` (this sample failed).
"""

import re
from typing import Any

import anthropic
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

EPHEMERAL: dict[str, str] = {"type": "ephemeral"}
_CONTEXT_PHRASES = re.compile(
    r"prompt is too long|context window|context limit|context length", re.IGNORECASE
)
_SPEND_LIMIT_CODE = "enforced_spend_limit_reached"
_UNCACHEABLE_BLOCKS = frozenset({"thinking", "redacted_thinking"})


class AnthropicClient:
    """Messages API client with prompt-cache breakpoints on tools, system and the latest message."""

    def __init__(
        self,
        model: str,
        *,
        api_key: str,
        http_client: httpx2.AsyncClient | None = None,
        base_url: str | None = None,
        max_retries: int = 4,
        timeout: float = 600.0,
    ) -> None:
        self._model = model
        # An explicit timeout also disables the SDK's "streaming is required" guard for large
        # max_tokens; the agent loop puts its own wall-time deadline around every call.
        self._timeout = timeout
        self._client = anthropic.AsyncAnthropic(
            api_key=api_key,
            base_url=base_url,
            http_client=http_client,
            max_retries=max_retries,
        )

    def __repr__(self) -> str:
        return f"AnthropicClient(model={self._model!r})"

    @property
    def model_id(self) -> str:
        return self._model

    async def generate(
        self,
        *,
        system: str,
        messages: list[Message],
        tools: list[Block],
        max_tokens: int,
    ) -> ModelTurn:
        params: dict[str, Any] = {
            "model": self._model,
            "max_tokens": max_tokens,
            "messages": with_message_breakpoint(messages),
            "timeout": self._timeout,
        }
        if system:  # the API rejects empty text blocks
            params["system"] = [{"type": "text", "text": system, "cache_control": EPHEMERAL}]
        if tools:
            params["tools"] = with_tools_breakpoint(tools)
        try:
            response = await self._client.messages.create(**params)
        except anthropic.APIStatusError as err:
            raise classify_status_error(err) from None
        except anthropic.APIError as err:
            raise ModelAPIError(f"Anthropic API request failed: {one_line(err.message)}") from None
        try:
            return turn_from_message(response)
        except (AttributeError, TypeError, ValueError, KeyError) as e:
            # The SDK builds responses without strict validation: a body of the wrong shape
            # surfaces here. It is this sample's model failure, never a harness crash.
            raise ModelAPIError(f"Anthropic API returned a malformed message: {e}") from None

    async def close(self) -> None:
        await self._client.close()


def turn_from_message(response: anthropic.types.Message) -> ModelTurn:
    """Content blocks as plain dicts (verbatim, thinking included); missing usage counts as 0."""
    usage = response.usage
    return ModelTurn(
        content=[block.model_dump(mode="json", exclude_none=True) for block in response.content],
        stop_reason=response.stop_reason or "",
        usage=Usage(
            input_tokens=usage.input_tokens or 0,
            output_tokens=usage.output_tokens or 0,
            cache_creation_input_tokens=usage.cache_creation_input_tokens or 0,
            cache_read_input_tokens=usage.cache_read_input_tokens or 0,
        ),
        model=response.model,
    )


def with_tools_breakpoint(tools: list[Block]) -> list[Block]:
    """A copy of `tools` whose last tool carries a cache breakpoint."""
    return [*tools[:-1], {**tools[-1], "cache_control": EPHEMERAL}]


def with_message_breakpoint(messages: list[Message]) -> list[Message]:
    """A copy of `messages` whose latest message ends in a cache breakpoint (inputs untouched)."""
    if not messages:
        return []
    last = messages[-1]
    content = last["content"]
    if isinstance(content, str):
        blocks: list[Block] = [{"type": "text", "text": content}] if content else []
    else:
        blocks = list(content)
    if blocks and _cacheable(blocks[-1]):
        blocks[-1] = {**blocks[-1], "cache_control": EPHEMERAL}
        return [*messages[:-1], {**last, "content": blocks}]
    return list(messages)


def _cacheable(block: Block) -> bool:
    # The API rejects cache_control on thinking blocks and on empty text blocks.
    if block.get("type") in _UNCACHEABLE_BLOCKS:
        return False
    return not (block.get("type") == "text" and not block.get("text"))


def classify_status_error(err: anthropic.APIStatusError) -> Exception:
    """Map a final (post-retry) HTTP error onto the harness's error tree."""
    message = err.api_message or err.message
    reason = f"Anthropic API error {err.status_code} {err.type or 'unknown_error'}: {message}"
    if err.request_id:
        reason += f" (request_id {err.request_id})"
    reason = one_line(reason)
    if isinstance(err, anthropic.BadRequestError) and _CONTEXT_PHRASES.search(message):
        return ContextWindowExceeded(reason)
    if isinstance(err, anthropic.AuthenticationError | anthropic.PermissionDeniedError):
        return FatalModelError(reason)
    if isinstance(err, anthropic.RateLimitError) and (
        err.error_code == _SPEND_LIMIT_CODE or "spend limit" in message.lower()
    ):
        return FatalModelError(reason)
    return ModelAPIError(reason)


def one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
