"""The ModelClient seam: one `generate` call per model turn, in Anthropic Messages format.

Messages and content blocks are plain dicts exactly as the Messages API uses them, so the
assistant content can be echoed back verbatim (thinking blocks included).
"""

from dataclasses import dataclass
from typing import Any, Protocol

from harness.errors import ModelAPIError

Block = dict[str, Any]
Message = dict[str, Any]


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.cache_creation_input_tokens + other.cache_creation_input_tokens,
            self.cache_read_input_tokens + other.cache_read_input_tokens,
        )

    @property
    def total(self) -> int:
        return (
            self.input_tokens
            + self.output_tokens
            + self.cache_creation_input_tokens
            + self.cache_read_input_tokens
        )


@dataclass(frozen=True)
class ModelTurn:
    """One assistant message: its content blocks (verbatim), why it stopped, what it cost."""

    content: list[Block]
    stop_reason: str
    usage: Usage
    model: str


class ModelClient(Protocol):
    @property
    def model_id(self) -> str: ...

    async def generate(
        self,
        *,
        system: str,
        messages: list[Message],
        tools: list[Block],
        max_tokens: int,
    ) -> ModelTurn:
        """One model turn. Raises harness.errors.ModelAPIError when the API failed after retries,
        and ContextWindowExceeded when the prompt no longer fits."""
        ...

    async def close(self) -> None: ...


class ContextWindowExceeded(Exception):
    """The conversation no longer fits the model's context window (an agent limit, not infra)."""


class FatalModelError(ModelAPIError):
    """The API refuses this account (bad key, no permission, spend limit): abort the whole run."""
