"""A reference's load probe beside CPU hogs: whatever the hogs do to its latency, the
reference is never scored as failing its objective. Either it passes (load only slows a
service, so a pass stands), or the performance dimension is inconclusive (grader error) naming
the busy cores; and the probe's machine reading sees the hogs. A verdict that fails beside the
hogs (here: against an objective no service meets) is measured again, then inconclusive."""

import asyncio
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graders.base import ProbeSettings, Slo
from harness.run.grading import GradingOutcome, GradingTarget, grade_snapshot
from harness.run.validate import snapshot_of
from harness.sandbox.docker_env import sweep
from harness.tasks.spec import load_task

pytestmark = pytest.mark.docker
TASK = Path(__file__).resolve().parents[2] / "tasks" / "crud-books"
PROBE = ProbeSettings(warmup=2.0, duration=10.0)
HOG = "while True: pass"


@pytest.fixture
def target(docker_client: Any, images: Any) -> Any:
    t = GradingTarget(docker_client, images, f"machine-{id(object())}", PROBE)
    yield t
    t.close()
    sweep(docker_client, t.run_id)


def _grade_reference_beside_hogs(target: GradingTarget, out: Path) -> Any:
    task = load_task(TASK)
    snapshot = snapshot_of(task.path("workspace"), task.path("solution"))
    hogs = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(3)]
    try:
        outcome: GradingOutcome = asyncio.run(grade_snapshot(target, task, snapshot, out))
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    return outcome, next(r for r in outcome.results if r.grader == "performance")


def test_a_cpu_hog_beside_the_probe_is_never_the_services_failure(
    target: Any, tmp_path: Path
) -> None:
    outcome, perf = _grade_reference_beside_hogs(target, tmp_path)
    assert outcome.status in ("graded", "grader_error"), outcome.reason
    if perf.status == "ok":
        assert perf.score == 1.0, perf.reason  # it passed beside the hogs: a pass stands
        assert perf.details["full"]["machine"]["busy"], perf.details["full"]["machine"]
        assert perf.details["stop"]["full"]["sequential"]
    else:
        assert perf.status == "error" and "machine was busy twice" in perf.reason, perf.reason
        assert outcome.status == "grader_error"


def test_a_failure_beside_the_hogs_is_measured_again_then_inconclusive(
    target: Any, tmp_path: Path
) -> None:
    calibrated = replace(target, probe=replace(PROBE, calibrate=True))
    calibrated.calibrations["crud-books"] = Slo(50, 1.0, 0.01, "test: 1 ms, met by no service")
    try:
        outcome, perf = _grade_reference_beside_hogs(calibrated, tmp_path)
    finally:
        calibrated.close()
    assert outcome.status == "grader_error", outcome.reason
    assert perf.status == "error" and perf.score is None
    assert "machine was busy twice" in perf.reason and "other processes" in perf.reason
    assert len(perf.details["retried"]) == 1
    assert perf.details["full"]["stop"]["verdict"] == "fail"  # it stopped early both times
