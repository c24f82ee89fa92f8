"""`archbench grade TASK PATH`: grade a workspace made outside archbench (a Claude Code session
run by hand, a person's implementation, another harness's output) against a task, without an
agent, and write the same run folder a run writes: run.json, samples.jsonl, the sample folder
(workspace.tar, grader-*.json, app.log) and the report, so `report`, `view` and `compare` read it.

The run and its one sample record where the workspace came from: agent, model and runtime are
`external`, and run.json's `request` holds the path and the hash of its files.
"""

import asyncio
import os
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graders.base import ProbeSettings
from harness import __version__
from harness.errors import ArchbenchError, InputError
from harness.images import ImageSet
from harness.judge.factory import judge_record, open_judge
from harness.reports.report import ReportPaths, write_report
from harness.results.log import (
    AgentInfo,
    ResultsWriter,
    RunRecord,
    SampleRecord,
    TaskInfo,
)
from harness.run.grading import GradingOutcome, GradingTarget, composite, grade_snapshot
from harness.run.hooks import RunHooks, open_images
from harness.run.runner import git_sha
from harness.run.sample import grader_summaries, judge_fields
from harness.run.submission import Workspace, read_workspace
from harness.sandbox.docker_env import connect, sweep
from harness.tasks.spec import KNOWN_DIMENSIONS, Task, load_tasks, select_tasks

EXTERNAL = "external"
"""The agent, model and runtime of a graded workspace: no agent of archbench's made it."""
EPOCH = 1


@dataclass(frozen=True)
class GradeRequest:
    task_id: str
    path: Path
    tasks_dir: Path
    run_dir: Path
    run_id: str
    probe: ProbeSettings
    cli_args: tuple[str, ...]
    judge: str = "scripted"
    judge_samples: int = 3


@dataclass(frozen=True)
class Graded:
    """One grading's outcome, or the infrastructure error that stopped it, and its time."""

    outcome: GradingOutcome | None
    error: str
    seconds: float


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def find_task(tasks_dir: Path, task_id: str) -> Task:
    """The one task named `task_id` (an exact id, not a glob)."""
    tasks = load_tasks(tasks_dir)
    if "*" in task_id or "?" in task_id or "[" in task_id:
        raise InputError(f"TASK {task_id!r}: give one task id, not a glob")
    try:
        return select_tasks(tasks, [task_id])[0]
    except InputError:
        known = ", ".join(t.id for t in tasks)
        raise InputError(
            f"{tasks_dir / task_id}: no such task; give one of: {known} (or --tasks-dir)"
        ) from None


def grade_run_record(req: GradeRequest, task: Task, ws: Workspace, images: ImageSet) -> RunRecord:
    """run.json of a grading: an `external` agent and model, the workspace's path and hash."""
    agent = AgentInfo(
        path=str(ws.source),
        name=EXTERNAL,
        sha256=ws.sha256,
        text="",
        offered_tools=[],
        unsupported_tools=[],
        unknown_keys=[],
        label=EXTERNAL,
    )
    return RunRecord(
        run_id=req.run_id,
        harness_version=__version__,
        git_sha=git_sha(),
        started_at=_now(),
        agent=agent,
        models=[EXTERNAL],
        model_reason=f"graded with `archbench grade`: {ws.kind} {ws.source}, no agent ran",
        tasks=[
            TaskInfo(
                id=task.id,
                content_hash=task.content_hash,
                category=task.spec.category,
                difficulty=task.spec.difficulty,
            )
        ],
        epochs=1,
        images=images.ids,
        limits={task.id: task.spec.limits.model_dump()},
        cli_args=list(req.cli_args),
        seed=0,
        probe=asdict(req.probe),
        request={
            "source": "grade",
            "path": str(ws.source.resolve()),
            "kind": ws.kind,
            "sha256": ws.sha256,
            "files": len(ws.files),
            "task": task.id,
        },
        runtimes=[EXTERNAL],
        judge=judge_record(req.judge, req.judge_samples, [task]),
    )


def sample_record(
    task: Task,
    run_id: str,
    graded: Graded,
    *,
    started_at: str,
    total_seconds: float,
    judge: str = "scripted",
) -> SampleRecord:
    """The sample line of a grading, scored by the same rules as a run's samples. Pure."""
    base: dict[str, Any] = {
        "run_id": run_id,
        "sample_id": f"{task.id}/{EPOCH}/{EXTERNAL}",
        "task_id": task.id,
        "epoch": EPOCH,
        "model": EXTERNAL,
        "agent": EXTERNAL,
        "runtime": EXTERNAL,
        "agent_outcome": EXTERNAL,
        "grading_seconds": graded.seconds,
        "total_seconds": total_seconds,
        "started_at": started_at,
        "finished_at": _now(),
    }
    outcome = graded.outcome
    if outcome is None:
        return SampleRecord(**base, status="grader_error", reason=graded.error)
    functional = next((r for r in outcome.results if r.grader == "functional"), None)
    fields: dict[str, Any] = {
        **base,
        "reason": outcome.reason,
        "startup_seconds": outcome.startup_seconds,
        "graders": grader_summaries(outcome.results),
        "checks_passed": functional.passed if functional else 0,
        "checks_total": functional.total if functional else 0,
        **judge_fields(judge, outcome.results),
    }
    if outcome.status == "startup_failed":
        return SampleRecord(**fields, status="startup_failed", score=0.0, resolved=False)
    if outcome.status != "graded":
        return SampleRecord(**fields, status=outcome.status)
    c = composite(task.spec.grading.weights, outcome.results, task.spec.grading.security_checks)
    dims: dict[str, Any] = {d: c.dimensions.get(d) for d in KNOWN_DIMENSIONS}
    return SampleRecord(
        **fields,
        **dims,
        status="graded",
        score=c.score,
        resolved=c.resolved,
        secure_resolved=c.secure_resolved,
        missing=c.missing,
    )


async def _grade(target: GradingTarget, task: Task, ws: Workspace, out: Path) -> Graded:
    t0 = time.monotonic()
    try:
        outcome = await grade_snapshot(target, task, ws.snapshot(), out, label="grade")
    except ArchbenchError as e:
        return Graded(None, str(e), time.monotonic() - t0)
    except Exception as e:  # archbench's machinery broke, not the workspace: say so, no score
        return Graded(None, f"{type(e).__name__}: {e}"[:500], time.monotonic() - t0)
    return Graded(outcome, "", time.monotonic() - t0)


def _check_request(req: GradeRequest) -> tuple[Task, Workspace]:
    """Everything about the input, before anything is written or started."""
    task = find_task(req.tasks_dir, req.task_id)
    ws = read_workspace(req.path)
    if (req.run_dir / "run.json").exists() or (req.run_dir / "samples.jsonl").exists():
        raise InputError(f"{req.run_dir}: already holds a run; pick another --run-id or --out")
    return task, ws


@dataclass(frozen=True)
class GradedWorkspace:
    record: SampleRecord
    graded: Graded
    report: ReportPaths


def grade_workspace(req: GradeRequest, hooks: RunHooks | None = None) -> GradedWorkspace:
    """Grade the workspace and write its run folder and report. The record's status says
    whether archbench's own machinery failed (`grader_error`) or the workspace was graded."""
    hooks = hooks or RunHooks()
    task, ws = _check_request(req)
    hooks.notice(
        f"grading {ws.kind} {ws.source} ({len(ws.files)} files, sha256 {ws.sha256[:12]}) "
        f"against {task.id}"
    )
    images = open_images(hooks)
    client = connect()
    writer = ResultsWriter(req.run_dir)
    run = grade_run_record(req, task, ws, images)
    writer.write_run(run)
    out_dir = writer.sample_dir(task.id, EPOCH, EXTERNAL)
    (out_dir / "workspace.tar").write_bytes(ws.snapshot())
    started, t0 = _now(), time.monotonic()
    key = os.environ.get("ANTHROPIC_API_KEY")
    target = GradingTarget(
        client,
        images,
        req.run_id,
        req.probe,
        judge=open_judge(req.judge, [task], api_key=key, env=os.environ),
        judge_samples=req.judge_samples,
    )
    status = "failed"
    try:
        graded = asyncio.run(_grade(target, task, ws, out_dir))
        record = sample_record(
            task,
            req.run_id,
            graded,
            started_at=started,
            total_seconds=time.monotonic() - t0,
            judge=req.judge,
        )
        writer.append_sample(record)
        status = "completed"
    finally:
        target.close()
        sweep(client, req.run_id)
        writer.write_run(run.model_copy(update={"status": status, "finished_at": _now()}))
    return GradedWorkspace(record, graded, write_report(req.run_dir))
