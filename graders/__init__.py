"""Graders, registered explicitly by name."""

from graders.base import GradeContext, Grader, GradeResult
from graders.functional import FunctionalGrader
from graders.lint import LintGrader

GRADERS: dict[str, Grader] = {"functional": FunctionalGrader(), "quality": LintGrader()}
"""Graders by the score dimension they produce; every one runs on every graded sample."""

__all__ = ["GRADERS", "GradeContext", "GradeResult", "Grader"]
