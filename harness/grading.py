"""Grade one workspace snapshot: start the service and prober, wait for readiness, run the
task's graders, write their files, tear everything down. Used by runs and by `tasks validate`.
"""

import asyncio
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graders import GRADERS, GradeContext, GradeResult
from graders.environment import AppSettings, GradingEnv, start_grading_env
from graders.functional import prober_bundle
from harness.images import ImageSet
from harness.results import SampleStatus
from harness.tasks import Task, task_env


@dataclass(frozen=True)
class GradingTarget:
    """Where grading containers go: the Docker client, the images, the run they belong to."""

    client: Any
    images: ImageSet
    run_id: str


@dataclass(frozen=True)
class GradingOutcome:
    status: SampleStatus
    reason: str
    startup_seconds: float | None
    results: list[GradeResult] = field(default_factory=list)


def _write_grader_files(out: Path, env: GradingEnv, results: list[GradeResult]) -> None:
    (out / "app.log").write_text(env.app_logs())
    for r in results:
        payload = {
            "grader": r.grader,
            "status": r.status,
            "score": r.score,
            "reason": r.reason,
            "duration": r.duration,
            "details": r.details,
            "checks": [c.__dict__ for c in r.checks],
        }
        (out / f"grader-{r.grader}.json").write_text(json.dumps(payload, indent=2))


async def grade_snapshot(
    target: GradingTarget, task: Task, snapshot: bytes, out: Path, *, label: str = "g"
) -> GradingOutcome:
    """Grade `snapshot` (a tar with `workspace/` entries). Raises SandboxError on infra failure."""
    name = f"archbench-{target.run_id}-{task.id}-{label}-{secrets.token_hex(3)}"
    app = AppSettings(
        image=target.images.runtime, env=task_env(task), sidecar_image=target.images.services
    )
    env = await asyncio.to_thread(
        start_grading_env,
        target.client,
        task=task,
        app=app,
        prober_image=target.images.prober,
        run_id=target.run_id,
        name=name,
        snapshot=snapshot,
        prober_files=prober_bundle(task),
    )
    try:
        ready = await env.wait_ready()
        if not ready.ready:
            (out / "app.log").write_text(env.app_logs())
            return GradingOutcome("startup_failed", ready.reason, None)
        gctx = GradeContext(task=task, env=env)
        results = [await GRADERS[g].grade(gctx) for g in task.spec.grading.weights]
        _write_grader_files(out, env, results)
        errors = [r for r in results if r.status == "error"]
        if errors:
            reason = f"{errors[0].grader}: {errors[0].reason}"
            return GradingOutcome("grader_error", reason, ready.seconds, results)
        return GradingOutcome("graded", "", ready.seconds, results)
    finally:
        await asyncio.to_thread(env.close)


def score_results(task: Task, results: list[GradeResult]) -> tuple[float, bool]:
    weights = task.spec.grading.weights
    total = sum(weights.values())
    score = sum(weights[r.grader] * (r.score or 0.0) for r in results) / total
    functional = next((r for r in results if r.grader == "functional"), None)
    resolved = functional is not None and functional.score == 1.0
    return score, resolved
