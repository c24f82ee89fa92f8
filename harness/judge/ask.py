"""Put a rubric to a judge: every criterion, `samples` times, answers scored by the quote
rule and the majority (rubric.score_rubric). The judge's tokens are counted apart."""

import asyncio
from dataclasses import dataclass

from harness.judge.base import Judge, JudgeAnswer
from harness.judge.rubric import RubricResult, score_rubric
from harness.models.base import Usage
from harness.tasks.rubric import Rubric

DEFAULT_SAMPLES = 3


@dataclass(frozen=True)
class JudgedRubric:
    result: RubricResult
    answers: dict[str, tuple[JudgeAnswer, ...]]
    usage: Usage
    judge_id: str


async def ask_rubric(
    judge: Judge, rubric: Rubric, deliverable: str, *, samples: int = DEFAULT_SAMPLES
) -> JudgedRubric:
    """Ask every criterion `samples` times (concurrently) and score the answers."""

    async def ask(question: str, evidence: str) -> JudgeAnswer:
        return await judge.answer(question=question, evidence=evidence, deliverable=deliverable)

    asked = [[ask(c.question, c.evidence) for _ in range(samples)] for c in rubric.criterion]
    flat = await asyncio.gather(*(a for row in asked for a in row))
    answers = {
        c.id: tuple(flat[i * samples : (i + 1) * samples]) for i, c in enumerate(rubric.criterion)
    }
    usage = sum((a.usage for a in flat), Usage())
    return JudgedRubric(score_rubric(rubric, answers, deliverable), answers, usage, judge.judge_id)
