"""Hangs and slowness are the submission's failure: a run the prober's conftest bounded is a
score, a run killed at its hard limit is a score when its progress lines show the service
leaving tests unanswered, and a grader error otherwise. Literal inputs only."""

import json
from pathlib import Path

import pytest

from graders.base import CheckResult, GradeResult
from graders.functional import bound_env, score_pytest, suite_budget
from graders.junit import parse_junit
from graders.progress import NOT_RUN, ProgressParseError, parse_progress
from graders.security import score_probes
from harness.results.taxonomy import POLICIES
from harness.run.grading import grading_errors
from harness.run.sample import GRADING_ATTEMPTS
from harness.tasks.spec import load_task

TASKS = Path(__file__).resolve().parents[1] / "tasks"


def lines(*rows: dict[str, object]) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def row(name: str, outcome: str, *, critical: bool = False, unanswered: bool = False) -> dict:
    return {"name": name, "outcome": outcome, "critical": critical, "unanswered": unanswered}


COLLECTED = [row("tests.t::a", "pending", critical=True), row("tests.t::b", "pending")]


def test_suite_budget_leaves_a_margin_inside_the_hard_limit() -> None:
    assert suite_budget(300) == 270
    assert suite_budget(600) == 570
    assert suite_budget(60) == 45
    assert suite_budget(1) == 0.75


def test_bound_env_carries_the_task_s_bounds() -> None:
    task = load_task(TASKS / "crud-books")
    env = bound_env(task, 300, "/tmp/p.jsonl")
    assert env == {
        "ARCHBENCH_REQUEST_TIMEOUT": "10",
        "ARCHBENCH_TEST_TIMEOUT": "60",
        "ARCHBENCH_SUITE_BUDGET": "270",
        "ARCHBENCH_PROGRESS": "/tmp/p.jsonl",
    }


def test_a_task_can_allow_slower_answers() -> None:
    task = load_task(TASKS / "crud-books")
    grading = task.spec.grading.model_copy(update={"request_timeout": 25.0})
    slow = task.model_copy(update={"spec": task.spec.model_copy(update={"grading": grading})})
    assert bound_env(slow, 300, "p")["ARCHBENCH_REQUEST_TIMEOUT"] == "25"


def test_progress_pending_tests_never_ran_and_count_as_failed() -> None:
    text = lines(*COLLECTED, row("tests.t::a", "passed", critical=True))
    assert parse_progress(text) == [
        CheckResult("tests.t::a", "passed", critical=True),
        CheckResult("tests.t::b", "failed", NOT_RUN),
    ]


def test_progress_truncated_last_line_is_left_out() -> None:
    text = lines(*COLLECTED) + '{"name": "tests.t::a", "outc'
    assert [c.outcome for c in parse_progress(text)] == ["failed", "failed"]


@pytest.mark.parametrize("bad", ["not json\n", '{"name": "x"}\n', "[1]\n"])
def test_progress_lines_not_from_the_conftest_are_an_error(bad: str) -> None:
    with pytest.raises(ProgressParseError, match="progress line 3"):
        parse_progress(lines(*COLLECTED) + bad)


def test_killed_run_with_unanswered_tests_is_scored_on_what_finished() -> None:
    text = lines(
        *COLLECTED,
        row("tests.t::a", "passed", critical=True),
        row("tests.t::b", "failed", unanswered=True),
        row("tests.t::c", "pending"),
    )
    result = score_pytest(124, None, "killed", progress=text)

    assert (result.status, result.score) == ("ok", pytest.approx(2 / 4))
    assert result.reason == "the service left 1 checks unanswered"
    assert result.details["timed_out"] is True
    assert (result.details["total"], result.details["failed"]) == (3, 2)


def test_killed_run_whose_service_answered_is_the_prober_s_fault() -> None:
    text = lines(*COLLECTED, row("tests.t::a", "failed"))
    result = score_pytest(137, None, "killed", progress=text)

    assert (result.status, result.score) == ("error", None)
    assert result.reason == "hidden tests timed out while the service answered: the prober stalled"


def test_killed_run_with_garbled_progress_is_an_error() -> None:
    result = score_pytest(124, None, "", progress="garbage\n")
    assert (result.status, result.reason) == (
        "error",
        "hidden tests timed out; progress line 1 is not JSON",
    )


UNANSWERED_XML = """<testsuites><testsuite>
<testcase classname="tests.t" name="test_health"><properties>
  <property name="critical" value="1"/></properties></testcase>
<testcase classname="tests.t" name="test_list"><properties>
  <property name="unanswered" value="1"/></properties>
  <failure message="httpx.ReadTimeout: timed out"/></testcase>
<testcase classname="tests.t" name="test_get"><properties>
  <property name="unanswered" value="1"/></properties>
  <error message="service stopped answering: 3 tests in a row"/></testcase>
</testsuite></testsuites>"""


def test_junit_reads_the_unanswered_property() -> None:
    checks = parse_junit(UNANSWERED_XML)
    assert [c.unanswered for c in checks] == [False, True, True]


def test_a_hanging_service_is_graded_with_the_checks_it_passed() -> None:
    result = score_pytest(1, UNANSWERED_XML, "1 passed, 1 failed, 1 error")

    assert (result.status, result.score) == ("ok", pytest.approx(2 / 4))
    assert result.reason == "the service left 2 checks unanswered"
    assert result.details["unanswered"] == 2


def test_broken_prober_runs_stay_grader_errors() -> None:
    collection_error = score_pytest(2, None, "ERROR collecting tests/test_x.py")
    usage_error = score_pytest(4, None, "error: unrecognized arguments")
    no_junit = score_pytest(1, None, "")
    assert [r.status for r in (collection_error, usage_error, no_junit)] == ["error"] * 3


def test_unanswered_probes_fail_but_are_no_exploit() -> None:
    hung = CheckResult("inj", "error", probe="SP-INJ", unanswered=True)
    leak = CheckResult("leak", "passed", probe="SP-LEAK")
    assert score_probes([hung, leak]) == (0.5, "the service left 1 probes unanswered")
    exploited = CheckResult("inj", "failed", probe="SP-INJ")
    assert score_probes([exploited, leak])[0] == 0.0


def test_grader_errors_are_regraded_not_rerun_graded_samples_are_not() -> None:
    # grading is retried inside the sample, from the same snapshot (harness.run.sample.grade_saved)
    assert POLICIES["grader_error"].retries == 0 and GRADING_ATTEMPTS == 2
    assert (POLICIES["graded"].kind, POLICIES["graded"].retries) == ("score", 0)


def _results(functional: str) -> list[GradeResult]:
    check = CheckResult("tests.t::a", functional, critical=True)  # type: ignore[arg-type]
    return [
        GradeResult("functional", "ok", 1.0 if functional == "passed" else 0.0, checks=(check,)),
        GradeResult("security", "error", None, "no probe was conclusive"),
        GradeResult("quality", "ok", 1.0),
    ]


def test_a_gated_grader_error_on_an_unresolved_sample_leaves_it_graded() -> None:
    assert grading_errors(_results("failed")) == []
    assert [r.grader for r in grading_errors(_results("passed"))] == ["security"]
    broken = [GradeResult("functional", "error", None, "pytest exit 4 (usage error)")]
    assert grading_errors(broken) == broken
