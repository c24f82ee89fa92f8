"""A design task's labelled set (`calibration/labels.toml` beside designs written
independently of the rubric) and the judge's agreement with it: accuracy and Cohen's kappa
per task and over all tasks. The bar is in docs/writing-tasks.md."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from harness import stats
from harness.errors import TaskSpecError
from harness.judge.ask import ask_rubric
from harness.judge.base import Judge
from harness.judge.rubric import RubricResult
from harness.tasks.rubric import Rubric

MIN_KAPPA = 0.6
"""Below this the judge's labels agree with people's only moderately (Landis and Koch's
"substantial" starts at 0.61): the task is flagged."""
MIN_ACCURACY = 0.8


class LabelledDesign(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    good: bool
    """Written as a good design (True) or with flaws (False)."""
    labels: dict[str, bool]
    """criterion id -> whether this design meets it."""


class LabelSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    design: list[LabelledDesign]


def load_labels(folder: Path, rubric: Rubric) -> LabelSet:
    """The labelled set in `folder`, checked against the rubric (every criterion labelled,
    every file present, at least 3 good and 3 flawed designs)."""
    path = folder / "labels.toml"
    try:
        labels = LabelSet.model_validate(tomllib.loads(path.read_text()))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as e:
        raise TaskSpecError(f"{path}: cannot read the labelled set ({e}); fix it") from e
    ids = {c.id for c in rubric.criterion}
    for d in labels.design:
        if not (folder / d.file).is_file():
            raise TaskSpecError(f"{path}: {d.file} does not exist; add it or drop its entry")
        if set(d.labels) != ids:
            raise TaskSpecError(
                f"{path}: {d.file} must label exactly the rubric's criteria "
                f"({', '.join(sorted(ids))})"
            )
    good = sum(d.good for d in labels.design)
    if good < 3 or len(labels.design) - good < 3:
        raise TaskSpecError(f"{path}: needs at least 3 good and 3 flawed designs")
    return labels


@dataclass(frozen=True)
class Agreement:
    n: int
    accuracy: float
    kappa: float

    @property
    def ok(self) -> bool:
        return self.accuracy >= MIN_ACCURACY and self.kappa >= MIN_KAPPA


def agreement(pairs: list[tuple[bool, bool]]) -> Agreement:
    """(label, judge) pairs -> accuracy and Cohen's kappa. Pure."""
    n = len(pairs)
    accuracy = sum(a == b for a, b in pairs) / n if n else float("nan")
    return Agreement(n, accuracy, stats.cohen_kappa(pairs))


def pairs_of(labels: LabelledDesign, result: RubricResult) -> list[tuple[bool, bool]]:
    """A labelled design's (label, judge) pair per criterion. Pure."""
    judged = {c.id: c.met for c in result.criteria}
    return [(labels.labels[cid], judged[cid]) for cid in sorted(labels.labels)]


@dataclass(frozen=True)
class Calibration:
    """The judge's agreement with a task's labelled set."""

    judge_id: str
    agreement: Agreement
    per_design: dict[str, Agreement]

    def describe(self) -> str:
        a = self.agreement
        return (
            f"judge {self.judge_id}: accuracy {a.accuracy:.2f}, kappa {a.kappa:.2f} over "
            f"{a.n} labels of {len(self.per_design)} designs"
        )

    @property
    def binding(self) -> bool:
        """Whether the bar applies: the scripted judge only proves the plumbing."""
        return self.judge_id != "scripted"


async def calibrate(judge: Judge, folder: Path, rubric: Rubric, samples: int) -> Calibration:
    """Put every labelled design in `folder` to the judge and compare with the labels.
    Raises TaskSpecError for a labelled set that does not fit the rubric."""
    labels = load_labels(folder, rubric)
    pairs: list[tuple[bool, bool]] = []
    per_design: dict[str, Agreement] = {}
    for design in labels.design:
        text = (folder / design.file).read_text(encoding="utf-8", errors="replace")
        judged = await ask_rubric(judge, rubric, text, samples=samples)
        mine = pairs_of(design, judged.result)
        per_design[design.file] = agreement(mine)
        pairs += mine
    return Calibration(judge.judge_id, agreement(pairs), per_design)
