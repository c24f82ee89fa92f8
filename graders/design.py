"""Design grader (dimension `design`): the task's rubric put to the run's judge about the
agent's design document. A "yes" counts only with a quote found verbatim in the document and
by a majority of the judge's samples (harness.judge). Tasks without a rubric skip it.

The judge is given by the run (GradeContext.judge); this grader never opens a model itself.
A judge whose API fails is a grader error (archbench's or the provider's failure, not the
agent's); a missing or empty document is the agent's failure and scores 0.
"""

import time
from collections.abc import Sequence

from graders.base import CheckResult, GradeContext, GradeResult
from harness.errors import ModelAPIError
from harness.judge.ask import ask_rubric
from harness.judge.rubric import CriterionResult
from harness.models.base import Usage
from harness.tasks.rubric import Rubric, load_rubric

RUBRIC_FILE = "rubric.toml"
MAX_DOCUMENT_CHARS = 200_000
"""A longer document is cut here before the judge reads it (and the quote rule checks the
same cut text)."""


def judge_usage(results: Sequence[GradeResult]) -> Usage:
    """The judge's tokens in a grading (zero without a design grading). Pure."""
    design = next((r for r in results if r.grader == "design"), None)
    raw = (design.details.get("usage") if design else None) or {}
    return Usage(**{k: int(v) for k, v in raw.items() if k in Usage.__dataclass_fields__})


def design_criteria(results: Sequence[GradeResult]) -> dict[str, bool]:
    """Criterion id -> met, from a design grading's checks (empty without one). Pure."""
    design = next((r for r in results if r.grader == "design" and r.status == "ok"), None)
    if design is None:
        return {}
    return {c.name.split(": ", 1)[0]: c.outcome == "passed" for c in design.checks}


def rubric_checks(rubric: Rubric, criteria: tuple[CriterionResult, ...]) -> tuple[CheckResult, ...]:
    """One check per criterion: passed with its quote, or failed saying why. Pure."""
    out = []
    for spec, c in zip(rubric.criterion, criteria, strict=True):
        if c.met:
            message = f'"{c.quote}"'
        elif c.rejected_quotes:
            message = f"no: {c.rejected_quotes} yes answer(s) quoted text not in the document"
        else:
            message = "no: the judge found no supporting passage"
        out.append(
            CheckResult(f"{spec.id}: {spec.question}", "passed" if c.met else "failed", message)
        )
    return tuple(out)


class DesignGrader:
    name = "design"

    async def grade(self, ctx: GradeContext) -> GradeResult:
        path = ctx.task.path(RUBRIC_FILE)
        if not path.is_file():
            return GradeResult(self.name, "skipped", None, "the task has no rubric")
        if ctx.judge is None:
            return GradeResult(self.name, "error", None, "no judge was given to this grading")
        rubric = load_rubric(path)
        start = time.monotonic()
        data = ctx.agent_files.get(rubric.deliverable)
        document = (data or b"").decode("utf-8", "replace")[:MAX_DOCUMENT_CHARS]
        if not document.strip():
            return GradeResult(
                self.name, "ok", 0.0, f"{rubric.deliverable} is missing or empty",
                checks=tuple(
                    CheckResult(f"{c.id}: {c.question}", "failed", "no document")
                    for c in rubric.criterion
                ),
            )  # fmt: skip
        try:
            judged = await ask_rubric(ctx.judge, rubric, document, samples=ctx.judge_samples)
        except ModelAPIError as e:
            return GradeResult(self.name, "error", None, f"the judge's API failed: {e}")
        details = {
            "judge": judged.judge_id,
            "samples": ctx.judge_samples,
            "usage": judged.usage.__dict__,
            "answers": {
                cid: [{"met": a.met, "quote": a.quote, "note": a.note} for a in answers]
                for cid, answers in judged.answers.items()
            },
        }
        return GradeResult(
            self.name,
            "ok",
            judged.result.score,
            checks=rubric_checks(rubric, judged.result.criteria),
            details=details,
            duration=time.monotonic() - start,
        )
