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
from graders.functional import hidden_files
from graders.lint import counts_for_lint
from harness.archive import collect_tree, strip_prefix, tar_files, tar_members
from harness.images import ImageSet
from harness.results import SampleStatus
from harness.tasks import Task, task_env


def reference_tree(task: Task) -> dict[str, bytes]:
    """The reference solution laid over the starter workspace, by relative path."""
    files = dict(collect_tree(task.path("workspace")))
    files.update(collect_tree(task.path("solution")))
    return files


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
    agent_files = strip_prefix(tar_members(snapshot), "workspace")
    reference_files = reference_tree(task)
    prober_files = [
        *hidden_files(task),
        *((f"lint/agent/{k}", v) for k, v in agent_files.items() if counts_for_lint(k)),
        *((f"lint/reference/{k}", v) for k, v in reference_files.items() if counts_for_lint(k)),
    ]
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
        prober_files=tar_files(prober_files),
    )
    try:
        ready = await env.wait_ready()
        if not ready.ready:
            (out / "app.log").write_text(env.app_logs())
            return GradingOutcome("startup_failed", ready.reason, None)
        gctx = GradeContext(task, env, agent_files, reference_files)
        results = [await grader.grade(gctx) for grader in GRADERS.values()]
        _write_grader_files(out, env, results)
        errors = [r for r in results if r.status == "error"]
        if errors:
            reason = f"{errors[0].grader}: {errors[0].reason}"
            return GradingOutcome("grader_error", reason, ready.seconds, results)
        return GradingOutcome("graded", "", ready.seconds, results)
    finally:
        await asyncio.to_thread(env.close)


GATED = frozenset({"security", "performance"})
"""Dimensions that count only when the sample is resolved (a dead service is not "secure")."""


@dataclass(frozen=True)
class Composite:
    score: float
    resolved: bool
    dimensions: dict[str, float | None]
    missing: dict[str, str]


def is_resolved(results: list[GradeResult]) -> bool:
    """All critical functional checks passed (all checks, when none is marked critical)."""
    functional = next((r for r in results if r.grader == "functional"), None)
    if functional is None or functional.status != "ok":
        return False
    ran = [c for c in functional.checks if c.outcome != "skipped"]
    critical = [c for c in ran if c.critical] or ran
    return bool(critical) and all(c.outcome == "passed" for c in critical)


def composite(weights: dict[str, float], results: list[GradeResult]) -> Composite:
    """Weighted sum of the task's dimensions; gated ones count only when resolved. Pure."""
    by_dim = {r.grader: r for r in results}
    resolved = is_resolved(results)
    dims: dict[str, float | None] = {d: r.score for d, r in by_dim.items()}
    missing = {d: r.reason for d, r in by_dim.items() if r.status == "error"}
    total = weighted = 0.0
    for dim, w in weights.items():
        value = dims.get(dim)
        if dim in GATED and not resolved:
            missing.setdefault(dim, "not resolved: counts as 0")
            value = 0.0
        elif value is None:
            missing.setdefault(dim, "no result")
            value = 0.0
        total += w
        weighted += w * value
    return Composite(weighted / total if total else 0.0, resolved, dims, missing)


def score_results(task: Task, results: list[GradeResult]) -> tuple[float, bool]:
    c = composite(task.spec.grading.weights, results)
    return c.score, c.resolved
