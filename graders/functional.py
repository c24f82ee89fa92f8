"""Functional grader: the task's hidden pytest suite, run in the prober against the service.

Outcomes come from JUnit XML and are cross-checked with pytest's exit code; any disagreement,
a broken pytest (usage error, collection error, no tests) or a run with no tests is a grader
error, never a score. The prober's conftest bounds every request, test and the whole run, so a
service that hangs, answers slowly or crashes fails its checks (a score). A run killed at its
hard time limit all the same is scored from the conftest's progress lines when they show the
service leaving tests unanswered, and a grader error otherwise (the prober itself stalled).
"""

import asyncio
import contextlib
import time
from dataclasses import replace
from importlib import resources

from graders.base import CheckResult, GradeContext, GradeResult
from graders.environment import ExecOutput, GradingEnv
from graders.junit import JUnitParseError, parse_junit
from graders.progress import ProgressParseError, parse_progress
from harness.archive import collect_tree
from harness.tasks.spec import Task

JUNIT_PATH = "/tmp/junit.xml"
PROGRESS_PATH = "/tmp/progress-functional.jsonl"
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
HOLD_FILE = "/tmp/archbench-hold"
"""Held hidden tests wait, collected, for this file in the prober (see the prober's conftest)."""
HOLD_SH = (
    f'ARCHBENCH_HOLD={HOLD_FILE} "$@" </dev/null & '
    f'read -r word || word=stop; printf %s "$word" > {HOLD_FILE}; wait $!'
)
"""Runs pytest (the arguments) held, and passes it the one word the harness writes on stdin."""
_EXIT_MEANING = {2: "interrupted", 3: "internal error", 4: "usage error", 5: "no tests collected"}
TIMED_OUT = (124, 137)
"""`timeout`'s exit codes: the run hit its hard limit (137: killed after the grace period)."""


def suite_budget(timeout: float) -> float:
    """The conftest's own budget for the tests: the hard limit less a margin for pytest's
    start, collection and JUnit writing, so a slow run ends with results, not a kill. Pure."""
    return timeout - min(30.0, timeout / 4)


def bound_env(task: Task, timeout: float, progress: str) -> dict[str, str]:
    """The prober conftest's time bounds for one pytest run (see graders/prober/conftest.py)."""
    grading = task.spec.grading
    return {
        "ARCHBENCH_REQUEST_TIMEOUT": f"{grading.request_timeout:g}",
        "ARCHBENCH_TEST_TIMEOUT": f"{grading.test_timeout:g}",
        "ARCHBENCH_SUITE_BUDGET": f"{suite_budget(timeout):g}",
        "ARCHBENCH_PROGRESS": progress,
    }


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
    exit_code: int,
    junit_xml: str | None,
    output: str,
    grader: str = "functional",
    progress: str | None = None,
) -> GradeResult:
    """Turn one pytest run into a GradeResult (`progress`: the conftest's progress lines, read
    only when the run was killed at its time limit). Pure."""
    tail = output[-3000:]
    if exit_code in TIMED_OUT:
        return score_timed_out(progress, tail, grader)
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
    return _scored(grader, checks, {"output": tail})


def _scored(grader: str, checks: list[CheckResult], details: dict[str, object]) -> GradeResult:
    counted = [c for c in checks if c.outcome != "skipped"]
    bad = [c for c in counted if c.outcome != "passed"]
    unanswered = sum(c.unanswered for c in bad)
    reason = f"the service left {unanswered} checks unanswered" if unanswered else ""
    return GradeResult(
        grader,
        "ok",
        weighted_pass_fraction(counted),
        reason,
        checks=tuple(checks),
        details={
            **details,
            "total": len(counted),
            "failed": len(bad),
            **({"unanswered": unanswered} if unanswered else {}),
        },
    )


def score_timed_out(progress: str | None, tail: str, grader: str) -> GradeResult:
    """A run killed at its hard limit: the submission's failure when the conftest's progress
    lines show the service leaving tests unanswered (the tests it finished count, the rest
    failed), else the prober's (a grader error). Pure."""
    if progress is None:
        return GradeResult(
            grader,
            "error",
            None,
            "hidden tests timed out before they were collected",
            details={"output": tail},
        )
    try:
        checks = parse_progress(progress)
    except ProgressParseError as e:
        return GradeResult(
            grader, "error", None, f"hidden tests timed out; {e}", details={"output": tail}
        )
    if not any(c.unanswered for c in checks):
        return GradeResult(
            grader,
            "error",
            None,
            "hidden tests timed out while the service answered: the prober stalled",
            details={"output": tail},
        )
    return _scored(grader, checks, {"output": tail, "timed_out": True})


def pytest_command(fail_fast: bool) -> list[str]:
    return [*PYTEST_CMD[:-1], "--maxfail=1", PYTEST_CMD[-1]] if fail_fast else PYTEST_CMD


class HeldTests:
    """The hidden tests, started while the service boots: pytest starts, imports and collects
    the suite in the prober (its own cost, not the service's), then waits until `release()`,
    which the grading calls once the service is ready and held to its graded CPU limit. The
    hidden-test timeout counts from the release."""

    def __init__(self, env: GradingEnv, task: Task, *, fail_fast: bool = False) -> None:
        timeout = task.spec.grading.hidden_timeout
        self._exec = env.held_exec(
            ["sh", "-c", HOLD_SH, "sh", *pytest_command(fail_fast)],
            timeout=timeout + task.spec.service.startup_timeout + 60,
            env={
                "ARCHBENCH_HOLD_TIMEOUT": f"{timeout:g}",
                **bound_env(task, timeout, PROGRESS_PATH),
            },
        )

    async def release(self) -> ExecOutput:
        """Run the tests; their pytest's exit code and output."""
        return await self._exec.tell(b"go\n")

    async def abandon(self) -> None:
        """End the held pytest (the service never got ready); its outcome is not wanted."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._exec.tell(b"stop\n"), 30)


class FunctionalGrader:
    name = "functional"

    async def grade(self, ctx: GradeContext) -> GradeResult:
        """With `ctx.held`, releases the tests started during the service's boot; duration is
        the time the grading spent on them from then."""
        start = time.monotonic()
        if ctx.held is not None:
            run = await ctx.held.release()
        else:
            timeout = ctx.task.spec.grading.hidden_timeout
            run = await ctx.env.prober_exec(
                pytest_command(ctx.fail_fast),
                timeout=timeout,
                env=bound_env(ctx.task, timeout, PROGRESS_PATH),
            )
        result = await score_run(ctx.env, "functional", run, junit_path=JUNIT_PATH)
        return replace(result, duration=time.monotonic() - start)


async def run_pytest(
    env: GradingEnv, grader: str, cmd: list[str], *, junit_path: str, progress_path: str
) -> GradeResult:
    """Run pytest in the prober, under the task's time bounds, and score its JUnit XML."""
    timeout = env.task.spec.grading.hidden_timeout
    run = await env.prober_exec(
        cmd, timeout=timeout, env=bound_env(env.task, timeout, progress_path)
    )
    return await score_run(env, grader, run, junit_path=junit_path, progress_path=progress_path)


async def score_run(
    env: GradingEnv,
    grader: str,
    run: ExecOutput,
    *,
    junit_path: str,
    progress_path: str = PROGRESS_PATH,
) -> GradeResult:
    """Score a finished pytest run from the JUnit XML it left in the prober (from its progress
    lines when it was killed at its time limit)."""
    junit = await env.prober_exec(["cat", junit_path], timeout=30)
    xml = junit.output if junit.exit_code == 0 else None
    progress = None
    if run.exit_code in TIMED_OUT:
        lines = await env.prober_exec(["cat", progress_path], timeout=30)
        progress = lines.output if lines.exit_code == 0 else None
    return score_pytest(run.exit_code, xml, run.output, grader, progress)
