"""score_pytest: JUnit outcomes cross-checked with pytest's exit code; errors never score."""

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
    pytest.param(124, suite("passed"), "hidden tests timed out", id="timeout-124"),
    pytest.param(137, None, "hidden tests timed out", id="killed-137"),
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
    from harness.tasks import load_task

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
