"""Run policies with a stubbed sample: --max-cost stops new samples once the finished ones
cost the limit (the rest are skipped, not failed), and infrastructure failures are retried per
the taxonomy's policy while the agent's own failures never are."""

import asyncio
from pathlib import Path
from typing import Any

import pytest
from test_report import sample

import harness.run.runner as runner
import harness.run.sample as sample_module
from harness.errors import SandboxError
from harness.results.log import ResultsWriter, read_samples
from harness.run.grading import GradingOutcome
from harness.run.runner import Budget, RunObserver


class Job:
    def __init__(self, i: int) -> None:
        self.task = type("T", (), {"id": f"t{i}"})()
        self.epoch, self.model, self.key = 1, "anthropic/claude-sonnet-4-5", f"t{i}"
        self.agent = ""
        self.runtime = ""


def test_budget_stops_new_samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def fake_run_sample(job: Any, ctx: Any, out: Path, phase: Any) -> Any:
        return sample(job.task.id, job.model, score=1.0, cost=1.0)

    monkeypatch.setattr(runner, "run_sample", fake_run_sample)
    (tmp_path / "run").mkdir()
    writer = ResultsWriter(tmp_path / "run")
    budget = Budget(limit=2.5)

    records = asyncio.run(
        runner._run_all([Job(i) for i in range(5)], None, writer, RunObserver(), 1, budget)  # type: ignore[arg-type]
    )

    assert len(records) == 3 and budget.skipped == 2
    assert budget.spent == 3.0 and budget.exceeded
    assert [s.task_id for s in read_samples(writer.run_dir)] == ["t0", "t1", "t2"]


def test_no_limit_never_stops() -> None:
    budget = Budget(limit=None)
    budget.spend(1e9)
    assert not budget.exceeded


@pytest.mark.parametrize(
    ("statuses", "final", "attempts"),
    [
        (["sandbox_start", "sandbox_start", "graded"], "graded", 3),
        (["sandbox_start"] * 3, "sandbox_start", 3),  # 2 retries, then excluded
        (["model_error", "model_error"], "model_error", 2),  # 1 retry
        (["agent_crash", "graded"], "graded", 2),
        (["startup_failed"], "startup_failed", 1),  # the agent's failure: never retried
        (["agent_limit"], "agent_limit", 1),
    ],
)
def test_infra_failures_are_retried_per_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, statuses: list[str], final: str, attempts: int
) -> None:
    queue = list(statuses)

    async def flaky(job: Any, ctx: Any, out: Path, phase: Any) -> Any:
        (out / "transcript.jsonl").write_text("attempt")
        return sample(job.task.id, job.model, status=queue.pop(0), score=0.0)

    monkeypatch.setattr(runner, "run_sample", flaky)
    (tmp_path / "run").mkdir()
    writer = ResultsWriter(tmp_path / "run")

    records = asyncio.run(runner._run_all([Job(0)], None, writer, RunObserver(), 1, Budget(None)))  # type: ignore[arg-type]

    assert [(r.status, r.attempts) for r in records] == [(final, attempts)]
    assert queue == []
    assert len(read_samples(writer.run_dir)) == 1  # only the final attempt is recorded


def test_every_status_has_a_policy() -> None:
    from typing import get_args

    from harness.results.log import SCORED_STATUSES, SampleStatus
    from harness.results.taxonomy import POLICIES

    assert set(POLICIES) == set(get_args(SampleStatus))
    assert {s for s, p in POLICIES.items() if p.kind != "exclude"} == SCORED_STATUSES


@pytest.mark.parametrize(
    ("outcomes", "expected", "calls"),
    [
        (["grader_error", "graded"], "graded", 2),
        (["graded"], "graded", 1),
        (["startup_failed"], "startup_failed", 1),  # the agent's failure: not graded again
        (["grader_error", "grader_error"], "grader_error", 2),
        ([SandboxError("prober gone"), SandboxError("prober gone")], "prober gone (graded 2", 2),
    ],
)
def test_a_failed_grading_is_redone_from_the_same_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, outcomes: list[Any], expected: str, calls: int
) -> None:
    queue, seen = list(outcomes), []

    async def grade(target: Any, task: Any, snapshot: bytes, out: Path, **kw: Any) -> Any:
        seen.append(snapshot)
        o = queue.pop(0)
        if isinstance(o, Exception):
            raise o
        return GradingOutcome(o, "prober broke" if o == "grader_error" else "", 1.0)

    monkeypatch.setattr(sample_module, "grade_snapshot", grade)
    job = type("J", (), {"task": None, "epoch": 1})()
    ctx = type("C", (), {"grading": None})()
    got = asyncio.run(sample_module.grade_saved(ctx, job, b"snap", tmp_path))
    assert (got if isinstance(got, str) else got.status).startswith(expected)
    assert seen == [b"snap"] * calls and queue == []
