"""Graders: each turns a snapshot's running service (or its files) into a GradeResult.

Seam: `Grader.grade(context) -> GradeResult`, registered explicitly by name in GRADERS. A
grader is handed its environment and, for design tasks, a Judge; it never calls a model.
Parsing of tool output (JUnit XML, ruff JSON, load-probe lines) is pure. `prober/` holds the
files run inside the prober container.
"""

from graders.base import GradeContext, Grader, GradeResult
from graders.design import DesignGrader
from graders.functional import FunctionalGrader
from graders.lint import LintGrader
from graders.performance import PerformanceGrader
from graders.security import SecurityGrader

GRADERS: dict[str, Grader] = {
    "functional": FunctionalGrader(),
    "security": SecurityGrader(),
    "quality": LintGrader(),
    "performance": PerformanceGrader(),
    "design": DesignGrader(),
}
"""Graders by the score dimension they produce, in the order they run. Security, quality and
performance report `skipped` for tasks that declare no probes of their kind; performance (the
load probe, the slowest) runs only on resolved samples; design (a judge on the task's rubric)
only for tasks with a rubric.toml."""

__all__ = ["GRADERS", "GradeContext", "GradeResult", "Grader"]
