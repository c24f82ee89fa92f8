"""Functional grader: the task's hidden pytest suite, run in the prober against the service.

Outcomes come from JUnit XML and are cross-checked with pytest's exit code; any disagreement,
a timeout, or a run with no tests is a grader error, never a score.
"""

import time
from dataclasses import replace
from importlib import resources

from graders.base import CheckResult, GradeContext, GradeResult
from graders.environment import GradingEnv
from graders.junit import JUnitParseError, parse_junit
from harness.archive import collect_tree
from harness.tasks import Task

JUNIT_PATH = "/tmp/junit.xml"
PYTEST_BASE = [
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
]
PYTEST_CMD = [*PYTEST_BASE, f"--junitxml={JUNIT_PATH}", "tests"]
PROBE_FOLDERS = ("security", "load")
"""Subfolders of hidden/ that belong to the security and performance graders, not this one."""
CRITICAL_WEIGHT = 2
_EXIT_MEANING = {2: "interrupted", 3: "internal error", 4: "usage error", 5: "no tests collected"}


def hidden_files(task: Task) -> list[tuple[str, bytes]]:
    """What the prober needs for this grader: the shared conftest and the hidden tests."""
    conftest = (resources.files("graders.prober") / "conftest.py").read_bytes()
    tests = [
        (name, data)
        for name, data in collect_tree(task.path("hidden"), "tests")
        if name.split("/")[1] not in PROBE_FOLDERS
    ]
    return [("conftest.py", conftest), *tests]


def weighted_pass_fraction(checks: list[CheckResult]) -> float:
    """Pass fraction with critical checks counted twice. Pure."""
    weights = [CRITICAL_WEIGHT if c.critical else 1 for c in checks]
    passed = sum(w for w, c in zip(weights, checks, strict=True) if c.outcome == "passed")
    return passed / sum(weights)


def score_pytest(
    exit_code: int, junit_xml: str | None, output: str, grader: str = "functional"
) -> GradeResult:
    """Turn one pytest run into a GradeResult. Pure."""
    tail = output[-3000:]
    if exit_code in (124, 137):
        return GradeResult(
            grader, "error", None, "hidden tests timed out", details={"output": tail}
        )
    if exit_code in _EXIT_MEANING:
        return GradeResult(
            grader,
            "error",
            None,
            f"pytest exit {exit_code} ({_EXIT_MEANING[exit_code]})",
            details={"output": tail},
        )
    if junit_xml is None:
        return GradeResult(
            grader, "error", None, "pytest wrote no JUnit XML", details={"output": tail}
        )
    try:
        checks = parse_junit(junit_xml)
    except JUnitParseError as e:
        return GradeResult(grader, "error", None, str(e), details={"output": tail})
    counted = [c for c in checks if c.outcome != "skipped"]
    bad = [c for c in counted if c.outcome != "passed"]
    if not counted:
        return GradeResult(grader, "error", None, "no hidden test ran", details={"output": tail})
    if (exit_code == 0) == bool(bad) or exit_code not in (0, 1):
        return GradeResult(
            grader,
            "error",
            None,
            f"pytest exit {exit_code} disagrees with JUnit ({len(bad)} failing)",
            checks=tuple(checks),
            details={"output": tail},
        )
    score = weighted_pass_fraction(counted)
    return GradeResult(
        grader,
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
        cmd = [*PYTEST_CMD[:-1], "--maxfail=1", PYTEST_CMD[-1]] if ctx.fail_fast else PYTEST_CMD
        result = await run_pytest(
            ctx.env, "functional", cmd, junit_path=JUNIT_PATH, timeout=timeout
        )
        return replace(result, duration=time.monotonic() - start)


async def run_pytest(
    env: GradingEnv, grader: str, cmd: list[str], *, junit_path: str, timeout: float
) -> GradeResult:
    """Run pytest in the prober and score its JUnit XML."""
    run = await env.prober_exec(cmd, timeout=timeout)
    junit = await env.prober_exec(["cat", junit_path], timeout=30)
    xml = junit.output if junit.exit_code == 0 else None
    return score_pytest(run.exit_code, xml, run.output, grader)
