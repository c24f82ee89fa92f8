"""The agent-runtime seam: what every runtime (the builtin loop, Claude Code) returns and emits.

A runtime runs one agent file on one task in a sandbox; it returns an `AgentResult` and writes
transcript events through an `EventSink`. The limits are the same for every runtime:
`limit_reached` is shared by the builtin loop and the Claude Code bridge.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from harness.models.base import Message, Usage

Outcome = Literal[
    "completed",
    "refusal",
    "context_exceeded",
    "max_turns",
    "max_tokens",
    "wall_time",
    "model_error",
    "sandbox_error",
    "agent_crash",
    "agent_exit",
    "max_cost",
]
EventSink = Callable[[dict[str, Any]], None]
EVENT_CONTENT_CHARS = 2000


@dataclass(frozen=True)
class LoopLimits:
    max_turns: int
    max_tokens_total: int
    wall_time: float
    max_output_tokens: int = 8192


@dataclass(frozen=True)
class AgentResult:
    outcome: Outcome
    reason: str
    messages: list[Message]
    usage: Usage
    turns: int
    tool_calls: int
    tool_errors: int
    duration: float
    truncated_turns: int = 0
    """Turns that stopped at max_tokens (the output limit of one turn)."""
    offered_tools: tuple[str, ...] | None = None
    """The tools the runtime offered the model (Claude Code: read from its first request)."""


def limit_reached(
    max_turns: int, max_tokens_total: int, turns: int, usage: Usage
) -> tuple[Outcome, str] | None:
    """The turn or token limit an episode has reached, with the reason to record; None while
    it is within both. Shared by the builtin loop and the Claude Code bridge. Pure."""
    if turns >= max_turns:
        return "max_turns", f"turn limit of {max_turns} reached"
    if usage.total >= max_tokens_total:
        return (
            "max_tokens",
            f"token limit of {max_tokens_total} reached ({usage.total} tokens used)",
        )
    return None
