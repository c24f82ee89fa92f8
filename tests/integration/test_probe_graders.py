"""The security and performance graders on a real reference and real vulnerable mutants
(harden-service), and calibration of the load objective on the reference."""

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graders.performance import SHORT
from harness.run.grading import GradingOutcome, GradingTarget, calibrate, grade_snapshot
from harness.run.validate import probe_outcomes, snapshot_of, variant_snapshot
from harness.sandbox.docker_env import sweep
from harness.tasks.spec import Task, load_task

pytestmark = pytest.mark.docker
TASK = Path(__file__).resolve().parents[2] / "tasks" / "harden-service"


@pytest.fixture(scope="module")
def task() -> Task:
    return load_task(TASK)


@pytest.fixture
def target(docker_client: Any, images: Any) -> Any:
    t = GradingTarget(docker_client, images, f"probes-{id(object())}", SHORT)
    yield t
    t.close()
    sweep(docker_client, t.run_id)


async def _grade(target: GradingTarget, task: Task, *layers: str, out: Path) -> GradingOutcome:
    snapshot = snapshot_of(*(task.path(*layer.split("/")) for layer in layers))
    return await grade_snapshot(target, task, snapshot, out)


def _result(outcome: GradingOutcome, grader: str) -> Any:
    return next(r for r in outcome.results if r.grader == grader)


def test_reference_passes_every_probe_and_its_slo(target: Any, task: Task, tmp_path: Path) -> None:
    outcome = asyncio.run(_grade(target, task, "workspace", "solution", out=tmp_path))

    assert outcome.status == "graded", outcome.reason
    security, perf = _result(outcome, "security"), _result(outcome, "performance")
    assert (security.status, security.score) == ("ok", 1.0), security.reason
    assert set(probe_outcomes(outcome).values()) == {"passed"}
    assert {c.probe for c in security.checks} >= {"SP-AUTHN", "SP-BOLA", "SP-INJ", "SP-CRED"}
    assert all(c.cwe for c in security.checks if c.probe.startswith("SP-"))
    assert (perf.status, perf.score) == ("ok", 1.0), perf.reason
    assert perf.details["pinning"] == "app on CPU 0, generator on CPU 1"
    assert perf.details["full"]["requests"] > 0
    assert (tmp_path / "grader-security.json").is_file()


@pytest.mark.parametrize(
    ("mutant", "probe_id"),
    [("sqli-search", "SP-INJ"), ("sha256-passwords", "SP-CRED"), ("idor-get-note", "SP-BOLA")],
)
def test_vulnerable_mutant_fails_its_probe(
    target: Any, task: Task, tmp_path: Path, mutant: str, probe_id: str
) -> None:
    snapshot = variant_snapshot(task, task.path("mutants", f"{mutant}.patch"))
    outcome = asyncio.run(grade_snapshot(target, task, snapshot, tmp_path))

    assert outcome.status in ("graded", "grader_error"), outcome.reason
    assert probe_outcomes(outcome)[probe_id] == "failed"
    security = _result(outcome, "security")
    assert security.score is not None and security.score < 1.0


def test_calibration_measures_the_reference_once(target: Any, task: Task) -> None:
    calibrating = replace(target, probe=replace(SHORT, calibrate=True), calibrations={})

    async def twice() -> tuple[Any, Any]:
        return await calibrate(calibrating, task), await calibrate(calibrating, task)

    first, second = asyncio.run(twice())
    assert first is second
    assert first.source.startswith("reference p99")
    assert first.p99_ms >= task.spec.load.p99_ms  # type: ignore[union-attr]
