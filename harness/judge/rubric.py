"""A design task's rubric (`rubric.toml`): yes/no criteria, each saying what evidence counts,
and the pure rules that turn judge answers into a score."""

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.errors import TaskSpecError
from harness.judge.base import JudgeAnswer

MIN_QUOTE_CHARS = 12
"""A supporting quote shorter than this proves nothing ("the cache") and counts as none."""


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    question: Annotated[str, Field(min_length=10)]
    evidence: Annotated[str, Field(min_length=10)]
    """What counts as evidence of a yes, said to the judge."""
    offline_pattern: str = ""
    """For the offline scripted judge only (plumbing, not judgement): a regex whose match in
    the deliverable is taken as a quoted yes."""


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    deliverable: str = "DESIGN.md"
    """The workspace file the criteria are asked about."""
    criterion: Annotated[list[Criterion], Field(min_length=1)]


def load_rubric(path: Path) -> Rubric:
    """The rubric in `path`; TaskSpecError naming the file and the fix otherwise."""
    try:
        rubric = Rubric.model_validate(tomllib.loads(path.read_text()))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise TaskSpecError(f"{path}: cannot read the rubric ({e}); fix the TOML") from e
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise TaskSpecError(f"{path}: {where}: {first['msg']}; fix the rubric") from e
    ids = [c.id for c in rubric.criterion]
    if len(set(ids)) != len(ids):
        raise TaskSpecError(f"{path}: criterion ids repeat; give each criterion its own id")
    return rubric


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
