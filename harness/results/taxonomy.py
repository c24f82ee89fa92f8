"""How every sample ends: exactly one status, each with a declared policy.

- score: counts in scores as graded (`agent_limit`: the agent ran out of turns, tokens or time;
  its workspace is graded all the same, since that is the agent's failure);
- score_zero: counts as a 0 (`startup_failed`: the agent's service would not start);
- exclude: an infrastructure failure, never an agent failure: retried up to `retries` times,
  then reported as missing, with counts beside every score. A service that hangs, answers too
  slowly or crashes during grading is the agent's failure and ends `graded` (the prober bounds
  every request and test), so `grader_error` means archbench's own grading machinery broke.
"""

from dataclasses import dataclass
from typing import Literal

from harness.results.log import SampleStatus


@dataclass(frozen=True)
class Policy:
    kind: Literal["score", "score_zero", "exclude"]
    retries: int
    phase: str
    meaning: str


POLICIES: dict[SampleStatus, Policy] = {
    "graded": Policy("score", 0, "grading", "the workspace was graded"),
    "agent_limit": Policy(
        "score", 0, "agent", "turns, tokens, time or context ran out; the workspace was graded"
    ),
    "startup_failed": Policy("score_zero", 0, "grading", "the agent's service never became ready"),
    "image_build": Policy("exclude", 0, "setup", "an image could not be built (the run stops)"),
    "sandbox_start": Policy("exclude", 2, "sandbox", "the agent's sandbox could not start"),
    "sandbox_error": Policy("exclude", 2, "agent", "the sandbox failed while the agent worked"),
    "model_error": Policy("exclude", 1, "agent", "the model API failed after its own retries"),
    "agent_crash": Policy("exclude", 1, "agent", "the agent loop raised an unexpected error"),
    "grader_error": Policy(
        "exclude",
        0,
        "grading",
        "a grader could not grade (the prober or a grader broke), twice from the same workspace",
    ),
}
LIMIT_OUTCOMES = frozenset({"max_turns", "max_tokens", "wall_time", "context_exceeded", "max_cost"})
"""Agent-loop outcomes that are the agent's own limits (status agent_limit, scored)."""


def should_retry(status: SampleStatus, attempt: int) -> bool:
    """Retry after failed attempt number `attempt` (1-based)? Pure."""
    return attempt <= POLICIES[status].retries
