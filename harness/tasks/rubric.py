"""A design task's rubric file (`rubric.toml`): yes/no criteria, each saying what evidence
counts. Scoring the judge's answers against it is harness.judge.rubric's job."""

import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.errors import TaskSpecError


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
