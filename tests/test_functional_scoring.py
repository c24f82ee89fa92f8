"""score_pytest: JUnit outcomes cross-checked with pytest's exit code; errors never score."""

from typing import Any

import pytest

from graders.base import CheckResult
from graders.functional import score_pytest


def suite(*outcomes: str) -> str:
    """Legacy JUnit XML with one testcase per outcome ('passed', 'failed', 'error', 'skipped')."""
    cases = []
    for i, outcome in enumerate(outcomes):
        inner = {
            "passed": "",
            "failed": '<failure message="boom"/>',
            "error": '<error message="setup"/>',
            "skipped": '<skipped message="skip"/>',
        }[outcome]
        cases.append(f'<testcase classname="tests.t" name="test_{i}">{inner}</testcase>')
    return f"<testsuites><testsuite>{''.join(cases)}</testsuite></testsuites>"


def test_all_pass_scores_one() -> None:
    result = score_pytest(0, suite("passed", "passed"), "2 passed")

    assert (result.grader, result.status, result.score, result.reason) == (
        "functional",
        "ok",
        1.0,
        "",
    )
    assert result.passed == 2
    assert result.details == {"output": "2 passed", "total": 2, "failed": 0}


def test_three_of_four_scores_three_quarters() -> None:
    result = score_pytest(1, suite("passed", "failed", "passed", "passed"), "1 failed")

    assert (result.status, result.score) == ("ok", 0.75)
    assert result.checks[1] == CheckResult("tests.t::test_1", "failed", "boom")
    assert result.details["total"] == 4
    assert result.details["failed"] == 1


def test_errors_count_as_failures_and_skips_are_left_out() -> None:
    result = score_pytest(1, suite("passed", "error", "skipped", "skipped"), "")

    assert (result.status, result.score) == ("ok", 0.5)
    assert result.details["total"] == 2


def test_all_fail_scores_zero_not_error() -> None:
    result = score_pytest(1, suite("failed", "failed"), "")

    assert (result.status, result.score) == ("ok", 0.0)


ERRORS = [
    pytest.param(
        0,
        suite("passed", "failed"),
        "pytest exit 0 disagrees with JUnit (1 failing)",
        id="exit0-with-failure",
    ),
    pytest.param(
        1,
        suite("passed", "passed"),
        "pytest exit 1 disagrees with JUnit (0 failing)",
        id="exit1-no-failure",
    ),
    pytest.param(
        124, suite("passed"), "hidden tests timed out before they were collected", id="timeout"
    ),
    pytest.param(137, None, "hidden tests timed out before they were collected", id="killed"),
    pytest.param(2, suite("passed"), "pytest exit 2 (interrupted)", id="exit2"),
    pytest.param(3, None, "pytest exit 3 (internal error)", id="exit3"),
    pytest.param(4, None, "pytest exit 4 (usage error)", id="exit4"),
    pytest.param(5, suite(), "pytest exit 5 (no tests collected)", id="exit5"),
    pytest.param(
        139, suite("failed"), "pytest exit 139 disagrees with JUnit (1 failing)", id="segfault"
    ),
    pytest.param(0, None, "pytest wrote no JUnit XML", id="no-xml"),
    pytest.param(0, suite("skipped", "skipped"), "no hidden test ran", id="only-skipped"),
    pytest.param(0, suite(), "no hidden test ran", id="empty-suite"),
]


@pytest.mark.parametrize(("exit_code", "xml", "reason"), ERRORS)
def test_grader_errors_never_score(exit_code: int, xml: str | None, reason: str) -> None:
    result = score_pytest(exit_code, xml, "some output")

    assert (result.status, result.score, result.reason) == ("error", None, reason)
    assert result.details["output"] == "some output"


def test_malformed_xml_is_an_error_with_the_parse_message() -> None:
    result = score_pytest(1, "<testsuites><testsuite>", "")

    assert (result.status, result.score) == ("error", None)
    assert result.reason.startswith("JUnit XML is not well formed: ")


def test_output_tail_is_last_3000_chars() -> None:
    output = "a" * 1000 + "b" * 3000

    result = score_pytest(0, suite("passed"), output)

    assert result.details["output"] == "b" * 3000


@pytest.mark.parametrize("fail_fast", [False, True])
def test_fail_fast_stops_the_hidden_tests_at_the_first_failure(fail_fast: bool) -> None:
    import asyncio
    from pathlib import Path

    from graders.base import GradeContext
    from graders.environment import ExecOutput
    from graders.functional import FunctionalGrader
    from harness.tasks.spec import load_task

    class Env:
        def __init__(self) -> None:
            self.cmds: list[list[str]] = []

        async def prober_exec(self, cmd: list[str], *, timeout: float, **_: object) -> ExecOutput:
            self.cmds.append(cmd)
            return ExecOutput(1, suite("passed", "failed") if cmd[0] == "cat" else "1 failed")

    env = Env()
    task = load_task(Path(__file__).resolve().parents[1] / "tasks" / "crud-books")
    ctx = GradeContext(task, env, fail_fast=fail_fast)  # type: ignore[arg-type]
    asyncio.run(FunctionalGrader().grade(ctx))

    pytest_cmd = env.cmds[0]
    assert ("--maxfail=1" in pytest_cmd) is fail_fast
    assert pytest_cmd[-1] == "tests" and pytest_cmd[:3] == ["python", "-m", "pytest"]


class HoldingEnv:
    """A prober whose held command answers once it is told its word: 0 for go, 2 for stop."""

    def __init__(self) -> None:
        self.held: list[tuple[list[str], float, dict[str, str]]] = []
        self.told: list[bytes] = []

    def held_exec(self, cmd: list[str], *, timeout: float, env: dict[str, str]) -> Any:
        from graders.environment import ExecOutput

        self.held.append((cmd, timeout, env))
        outer = self

        class Held:
            async def tell(self, line: bytes) -> ExecOutput:
                outer.told.append(line)
                return ExecOutput(0 if line == b"go\n" else 2, "")

        return Held()

    async def prober_exec(self, cmd: list[str], *, timeout: float, **_: object) -> Any:
        from graders.environment import ExecOutput

        assert cmd[0] == "cat"  # only the JUnit XML is read the ordinary way
        return ExecOutput(0, suite("passed"))


def test_held_tests_start_at_once_and_run_only_when_released() -> None:
    import asyncio
    from pathlib import Path

    from graders.base import GradeContext
    from graders.functional import HOLD_SH, FunctionalGrader, HeldTests
    from harness.tasks.spec import load_task

    task = load_task(Path(__file__).resolve().parents[1] / "tasks" / "crud-books")

    async def main() -> tuple[HoldingEnv, Any]:
        env = HoldingEnv()
        held = HeldTests(env, task, fail_fast=True)  # type: ignore[arg-type]
        assert len(env.held) == 1 and env.told == []  # started, waiting
        ctx = GradeContext(task, env, held=held)  # type: ignore[arg-type]
        return env, await FunctionalGrader().grade(ctx)

    env, result = asyncio.run(main())
    [(cmd, timeout, hold_env)] = env.held
    assert cmd[:3] == ["sh", "-c", HOLD_SH] and cmd[4:7] == ["python", "-m", "pytest"]
    assert "--maxfail=1" in cmd and cmd[-1] == "tests"
    hidden = task.spec.grading.hidden_timeout
    assert timeout == hidden + task.spec.service.startup_timeout + 60  # the hold, then the tests
    assert hold_env["ARCHBENCH_HOLD_TIMEOUT"] == f"{hidden:g}"  # counted from go, in pytest
    assert float(hold_env["ARCHBENCH_SUITE_BUDGET"]) < hidden  # the conftest's, within it
    assert env.told == [b"go\n"]
    assert (result.status, result.score) == ("ok", 1.0)


def test_abandoned_held_tests_are_told_to_stop() -> None:
    import asyncio
    from pathlib import Path

    from graders.functional import HeldTests
    from harness.tasks.spec import load_task

    task = load_task(Path(__file__).resolve().parents[1] / "tasks" / "crud-books")

    async def main() -> HoldingEnv:
        env = HoldingEnv()
        await HeldTests(env, task).abandon()  # type: ignore[arg-type]
        return env

    assert asyncio.run(main()).told == [b"stop\n"]
