"""--max-cost: once finished samples cost the limit, no new sample starts (the rest are
skipped, not failed), and the run says so."""

import asyncio
from pathlib import Path
from typing import Any

import pytest
from test_report import sample

import harness.runner as runner
from harness.results import ResultsWriter, read_samples
from harness.runner import Budget, RunObserver


class Job:
    def __init__(self, i: int) -> None:
        self.task = type("T", (), {"id": f"t{i}"})()
        self.epoch, self.model, self.key = 1, "anthropic/claude-sonnet-4-5", f"t{i}"


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
