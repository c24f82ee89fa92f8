"""Graders, registered explicitly by name."""

from graders.base import GradeContext, Grader, GradeResult
from graders.functional import FunctionalGrader

GRADERS: dict[str, Grader] = {"functional": FunctionalGrader()}

__all__ = ["GRADERS", "GradeContext", "GradeResult", "Grader"]
