"""The pure rules that turn judge answers on a design task's rubric into a score (the rubric
file itself is harness.tasks.rubric)."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from harness.judge.base import JudgeAnswer
from harness.tasks.rubric import Rubric

MIN_QUOTE_CHARS = 12
"""A supporting quote shorter than this proves nothing ("the cache") and counts as none."""


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quote_found(quote: str, deliverable: str) -> bool:
    """The quote occurs verbatim in the deliverable (whitespace runs count as one space, so a
    judge that re-wraps lines still matches) and is long enough to prove something. Pure."""
    q = _normal(quote)
    return len(q) >= MIN_QUOTE_CHARS and q in _normal(deliverable)


@dataclass(frozen=True)
class CriterionResult:
    id: str
    met: bool
    votes: tuple[bool, ...]
    """Each judge sample's answer after the quote rule."""
    quote: str
    """The first accepted quote (empty when not met)."""
    rejected_quotes: int
    """Samples that said yes with a quote not found in the deliverable."""


@dataclass(frozen=True)
class RubricResult:
    criteria: tuple[CriterionResult, ...]

    @property
    def score(self) -> float:
        return sum(c.met for c in self.criteria) / len(self.criteria)


def decide(answers: Sequence[JudgeAnswer], deliverable: str) -> tuple[bool, tuple[bool, ...], str]:
    """A strict majority of the samples said yes with a quote found in the deliverable (a tie
    is no). Returns (met, votes, the first accepted quote). Pure."""
    votes = tuple(a.met and quote_found(a.quote, deliverable) for a in answers)
    met = sum(votes) * 2 > len(votes)
    quote = next((a.quote for a, v in zip(answers, votes, strict=True) if v), "") if met else ""
    return met, votes, quote


def score_rubric(
    rubric: Rubric, answers: Mapping[str, Sequence[JudgeAnswer]], deliverable: str
) -> RubricResult:
    """Each criterion decided from its judge samples; the score is the fraction met. Pure."""
    out = []
    for c in rubric.criterion:
        given = answers.get(c.id, ())
        met, votes, quote = decide(given, deliverable)
        rejected = sum(a.met and not v for a, v in zip(given, votes, strict=True))
        out.append(CriterionResult(c.id, met, votes, quote, rejected))
    return RubricResult(tuple(out))
