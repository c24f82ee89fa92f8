"""Functional grader: the task's hidden pytest suite, run in the prober against the service.

Outcomes come from JUnit XML and are cross-checked with pytest's exit code; any disagreement,
a timeout, or a run with no tests is a grader error, never a score.
"""

import time
from importlib import resources

from graders.base import CheckResult, GradeContext, GradeResult
from graders.junit import JUnitParseError, parse_junit
from harness.archive import collect_tree
from harness.tasks import Task

JUNIT_PATH = "/tmp/junit.xml"
PYTEST_CMD = [
    "python",
    "-m",
    "pytest",
    "-p",
    "no:cacheprovider",
    "-q",
    "-rN",
    "--tb=line",
    "-o",
    "junit_family=legacy",
    f"--junitxml={JUNIT_PATH}",
    "tests",
]
CRITICAL_WEIGHT = 2
_EXIT_MEANING = {2: "interrupted", 3: "internal error", 4: "usage error", 5: "no tests collected"}


def hidden_files(task: Task) -> list[tuple[str, bytes]]:
    """What the prober needs for this grader: the shared conftest and the hidden tests."""
    conftest = (resources.files("graders.prober") / "conftest.py").read_bytes()
    return [("conftest.py", conftest), *collect_tree(task.path("hidden"), "tests")]


def weighted_pass_fraction(checks: list[CheckResult]) -> float:
    """Pass fraction with critical checks counted twice. Pure."""
    weights = [CRITICAL_WEIGHT if c.critical else 1 for c in checks]
    passed = sum(w for w, c in zip(weights, checks, strict=True) if c.outcome == "passed")
    return passed / sum(weights)


def score_pytest(exit_code: int, junit_xml: str | None, output: str) -> GradeResult:
    """Turn one pytest run into a GradeResult. Pure."""
    tail = output[-3000:]
    if exit_code in (124, 137):
        return GradeResult(
            "functional", "error", None, "hidden tests timed out", details={"output": tail}
        )
    if exit_code in _EXIT_MEANING:
        return GradeResult(
            "functional",
            "error",
            None,
            f"pytest exit {exit_code} ({_EXIT_MEANING[exit_code]})",
            details={"output": tail},
        )
    if junit_xml is None:
        return GradeResult(
            "functional", "error", None, "pytest wrote no JUnit XML", details={"output": tail}
        )
    try:
        checks = parse_junit(junit_xml)
    except JUnitParseError as e:
        return GradeResult("functional", "error", None, str(e), details={"output": tail})
    counted = [c for c in checks if c.outcome != "skipped"]
    bad = [c for c in counted if c.outcome != "passed"]
    if not counted:
        return GradeResult(
            "functional", "error", None, "no hidden test ran", details={"output": tail}
        )
    if (exit_code == 0) == bool(bad) or exit_code not in (0, 1):
        return GradeResult(
            "functional",
            "error",
            None,
            f"pytest exit {exit_code} disagrees with JUnit ({len(bad)} failing)",
            checks=tuple(checks),
            details={"output": tail},
        )
    score = weighted_pass_fraction(counted)
    return GradeResult(
        "functional",
        "ok",
        score,
        checks=tuple(checks),
        details={"output": tail, "total": len(counted), "failed": len(bad)},
    )


class FunctionalGrader:
    name = "functional"

    async def grade(self, ctx: GradeContext) -> GradeResult:
        start = time.monotonic()
        timeout = ctx.task.spec.grading.hidden_timeout
        run = await ctx.env.prober_exec(PYTEST_CMD, timeout=timeout)
        junit = await ctx.env.prober_exec(["cat", JUNIT_PATH], timeout=30)
        xml = junit.output if junit.exit_code == 0 else None
        result = score_pytest(run.exit_code, xml, run.output)
        return GradeResult(
            result.grader,
            result.status,
            result.score,
            result.reason,
            result.checks,
            result.details,
            time.monotonic() - start,
        )
