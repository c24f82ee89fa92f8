"""The judge seam: a model (or an offline script) that answers a design rubric's yes/no
criteria about a deliverable, each answer backed by a quote from it.

Graders never call a model directly: a grader is given a `Judge`. What a judge says counts
only through `rubric.score_rubric`, which drops every "yes" whose quote is not found verbatim
in the deliverable (invented evidence) and takes the majority over the judge's samples.
The judge sees the criterion and the deliverable only, never the reference design.
"""

from harness.judge.base import Judge, JudgeAnswer
from harness.judge.rubric import RubricResult, score_rubric
from harness.tasks.rubric import Criterion, Rubric, load_rubric

__all__ = [
    "Criterion",
    "Judge",
    "JudgeAnswer",
    "Rubric",
    "RubricResult",
    "load_rubric",
    "score_rubric",
]
