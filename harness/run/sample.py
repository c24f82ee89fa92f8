"""One sample, start to finish: sandbox -> agent loop -> snapshot -> grading -> record.

Every failure becomes a status on the record; only a fatal model error (bad key, spend limit)
escapes, because it must stop the whole run.
"""

import asyncio
import functools
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graders import GradeResult
from graders.design import design_criteria, judge_usage
from harness.agent.agentfile import RunAgent
from harness.agent.base import AgentResult, LoopLimits
from harness.agent.builtin.loop import run_agent
from harness.agent.builtin.tools import ToolResult, ToolSession, run_tool, tool_definitions
from harness.agent.claude_code.backends import (
    DEFAULT_ANTHROPIC_URL,
    Backend,
    ClientBackend,
    PassthroughBackend,
)
from harness.agent.claude_code.runtime import run_claude_code
from harness.agent.runtimes import DEFAULT_RUNTIME, Runtime
from harness.archive import collect_tree, tar_files
from harness.errors import ArchbenchError, ModelConfigError, SandboxError
from harness.images import ImageSet
from harness.models.base import FatalModelError, ModelClient, Usage
from harness.models.factory import open_model
from harness.models.prices import Price, cost_usd
from harness.models.replay import PREFIX as REPLAY_PREFIX
from harness.models.replay import ReplayClient
from harness.results.log import GraderSummary, SampleRecord, SampleStatus
from harness.results.taxonomy import LIMIT_OUTCOMES
from harness.run.grading import GradingOutcome, GradingTarget, composite, grade_snapshot
from harness.run.service_env import task_env
from harness.sandbox import hostlock
from harness.sandbox.docker import DockerSandbox, SandboxLimits, snapshot_workspace, start_sandbox
from harness.tasks.patches import patched_tree
from harness.tasks.spec import KNOWN_DIMENSIONS, Task

CHECK_COMMAND = "cd /workspace && python -m pytest -q -p no:cacheprovider tests/visible"
ENV_NOTE = """

<environment>
Working directory: /workspace (your deliverable; everything else is discarded)
Platform: Debian Linux, Python 3.11 in /opt/venv; no network access
</environment>
"""
Phase = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True)
class SampleJob:
    task: Task
    epoch: int
    model: str
    agent: str = ""
    """The agent's label in a matrix run of several agent files; '' when the run has one."""
    runtime: str = ""
    """The runtime in a matrix run of several runtimes; '' when the run has one."""

    @property
    def key(self) -> str:
        parts = [self.task.id, str(self.epoch), self.runtime, self.agent, self.model]
        return "/".join(p for p in parts if p)


@dataclass(frozen=True)
class SampleContext:
    client: Any
    images: ImageSet
    agents: dict[str, RunAgent]
    """By SampleJob.agent ('' in a run of one agent file)."""
    run_id: str
    api_key: str | None
    grading: GradingTarget
    """Shared by the run's samples (it caches the calibrated load objectives)."""
    prices: dict[str, Price] = field(default_factory=dict)
    """--price overrides of the dated price table."""
    runtimes: dict[str, Runtime] = field(default_factory=lambda: {"": DEFAULT_RUNTIME})
    """By SampleJob.runtime ('' in a run of one runtime)."""

    charge: Callable[[str, float], bool] | None = None
    """The run's --max-cost budget: records a running sample's cost so far (by job key) and
    says whether the run is still within its limit."""

    def runtime_of(self, job: SampleJob) -> Runtime:
        return self.runtimes[job.runtime]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def starter_files(task: Task) -> bytes:
    files = collect_tree(task.path("workspace")) + collect_tree(
        task.path("tests", "visible"), "tests/visible"
    )
    return tar_files(files, uid=1000)


def oracle_files(task: Task, *, mutant: bool = False) -> list[tuple[str, str]]:
    """The reference solution's files; with `mutant`, its first mutant patch (by name) applied
    (the `mutant` model: a realistic wrong answer, for testing comparisons)."""
    files = dict(collect_tree(task.path("solution")))
    mutants = sorted(task.path("mutants").glob("*.patch")) if mutant else []
    if mutants:
        files = patched_tree(task.path("solution"), mutants[0])
    return [(f"/workspace/{rel}", data.decode()) for rel, data in sorted(files.items())]


class _Transcript:
    def __init__(self, path: Path) -> None:
        self._f = open(path, "a")  # noqa: SIM115 - closed in close()

    def __call__(self, event: dict[str, Any]) -> None:
        self._f.write(json.dumps(event, default=str) + "\n")
        self._f.flush()

    def close(self) -> None:
        self._f.close()


async def _locked_tool(session: ToolSession, name: str, args: object) -> ToolResult:
    """A tool call holds the host lock shared, so a load probe never shares the machine with
    an agent's commands (builds, test runs)."""
    async with hostlock.shared():
        return await run_tool(session, name, args)


def _open_model(job: SampleJob, ctx: SampleContext) -> ModelClient:
    if job.model.startswith(REPLAY_PREFIX):
        return ReplayClient(job.model, job.task.id, job.epoch)
    return open_model(
        job.model,
        oracle_files=(
            oracle_files(job.task, mutant=job.model == "mutant")
            if job.model in ("oracle", "mutant")
            else None
        ),
        check_command=CHECK_COMMAND,
        api_key=ctx.api_key,
        env={k: v for k, v in os.environ.items() if k.startswith("OPENAI_")},
    )


async def _run_agent_phase(
    job: SampleJob, ctx: SampleContext, sandbox: DockerSandbox, out: Path
) -> AgentResult:
    if ctx.runtime_of(job) == "claude-code":
        return await _run_claude_code(job, ctx, sandbox, out)
    model = _open_model(job, ctx)
    transcript = _Transcript(out / "transcript.jsonl")
    agent = ctx.agents[job.agent]
    try:
        return await run_agent(
            model=model,
            tools=functools.partial(
                _locked_tool,
                ToolSession(sandbox=sandbox, allowed=frozenset(agent.offered_tools)),
            ),
            tool_defs=tool_definitions(agent.offered_tools),
            system_prompt=agent.spec.system_prompt + ENV_NOTE,
            user_prompt=job.task.prompt,
            limits=_loop_limits(job.task),
            on_event=transcript,
        )
    finally:
        transcript.close()
        await model.close()


def _bridge_backend(job: SampleJob, ctx: SampleContext) -> tuple[Backend, int]:
    """Who answers Claude Code's requests, and how many failures in a row end the session:
    the Messages API itself for anthropic/ models (Claude Code retries those first), else a
    ModelClient (which has retried already)."""
    provider, _, model_id = job.model.partition("/")
    if provider == "anthropic" and not job.model.startswith(REPLAY_PREFIX):
        if not ctx.api_key:
            raise ModelConfigError("ANTHROPIC_API_KEY is not set; export it or use --model oracle")
        base = os.environ.get("ANTHROPIC_BASE_URL") or DEFAULT_ANTHROPIC_URL
        return PassthroughBackend(model_id, api_key=ctx.api_key, base_url=base), 4
    return ClientBackend(_open_model(job, ctx)), 1


async def _run_claude_code(
    job: SampleJob, ctx: SampleContext, sandbox: DockerSandbox, out: Path
) -> AgentResult:
    backend, max_errors = _bridge_backend(job, ctx)
    transcript = _Transcript(out / "transcript.jsonl")
    charge = ctx.charge

    def within_budget(usage: Usage) -> bool:
        return charge is None or charge(job.key, cost_usd(job.model, usage, ctx.prices) or 0.0)

    try:
        return await run_claude_code(
            sandbox=sandbox,
            client=ctx.client,
            backend=backend,
            agent=ctx.agents[job.agent].spec,
            user_prompt=job.task.prompt + ENV_NOTE,
            limits=_loop_limits(job.task),
            on_event=transcript,
            out=out,
            max_consecutive_errors=max_errors,
            within_budget=within_budget,
        )
    finally:
        transcript.close()
        await backend.close()


def grader_summaries(results: list[GradeResult]) -> dict[str, GraderSummary]:
    return {
        r.grader: GraderSummary(
            status=r.status, score=r.score, reason=r.reason, passed=r.passed, total=r.total
        )
        for r in results
    }


async def run_sample(job: SampleJob, ctx: SampleContext, out: Path, phase: Phase) -> SampleRecord:
    """Run one sample; never raises except FatalModelError and cancellation."""
    started, t0 = _now(), time.monotonic()
    base: dict[str, Any] = {
        "run_id": ctx.run_id,
        "sample_id": job.key,
        "task_id": job.task.id,
        "epoch": job.epoch,
        "model": job.model,
        "agent": ctx.agents[job.agent].label,
        "runtime": ctx.runtime_of(job),
        "started_at": started,
    }

    def finish(status: SampleStatus, **fields: Any) -> SampleRecord:
        return SampleRecord(
            **base, **fields, status=status, finished_at=_now(), total_seconds=time.monotonic() - t0
        )

    phase("sandbox", {})
    try:
        sandbox = await _open_sandbox(job, ctx)
    except SandboxError as e:
        return finish("sandbox_start", reason=str(e))
    try:
        phase("agent", {})
        agent = await _run_agent_phase(job, ctx, sandbox, out)
        snapshot = (
            b""
            if agent.outcome == "sandbox_error"
            else await asyncio.to_thread(snapshot_workspace, sandbox)
        )
    except SandboxError as e:
        return finish("sandbox_error", reason=str(e))
    except (FatalModelError, asyncio.CancelledError):
        raise
    except Exception as e:  # a bug in the loop or a tool: the harness's failure, not the agent's
        return finish("agent_crash", reason=f"{type(e).__name__}: {e}"[:500])
    finally:
        await sandbox.close()
    agent_fields = _agent_fields(job, ctx, agent)
    phase("grading", {"tokens": agent.usage.total})
    if agent.outcome in ("model_error", "sandbox_error", "agent_crash"):
        return finish(agent.outcome, reason=agent.reason, **agent_fields)
    (out / "workspace.tar").write_bytes(snapshot)
    g0 = time.monotonic()
    graded = await grade_saved(ctx, job, snapshot, out)
    if isinstance(graded, str):
        return finish(
            "grader_error", reason=graded, grading_seconds=time.monotonic() - g0, **agent_fields
        )
    fields = {**agent_fields, **_grading_fields(ctx, agent, graded, time.monotonic() - g0)}
    if graded.status == "startup_failed":
        return finish("startup_failed", score=0.0, resolved=False, **fields)
    if graded.status == "grader_error":
        return finish("grader_error", **fields)
    status: SampleStatus = "agent_limit" if agent.outcome in LIMIT_OUTCOMES else "graded"
    return finish(status, **_score_fields(job.task, graded), **fields)


async def _open_sandbox(job: SampleJob, ctx: SampleContext) -> DockerSandbox:
    """The agent's sandbox with the task's starter files and sidecars (SandboxError if not)."""
    async with hostlock.shared():
        return await asyncio.to_thread(
            start_sandbox,
            ctx.client,
            image=_agent_image(ctx, job),
            run_id=ctx.run_id,
            name=f"archbench-{ctx.run_id}-{job.task.id}-{job.epoch}-{secrets.token_hex(3)}",
            env=task_env(job.task),
            limits=_sandbox_limits(job.task),
            files=starter_files(job.task),
            sidecars=job.task.spec.service.sidecars,
            sidecar_image=ctx.images.services,
        )


def _agent_fields(job: SampleJob, ctx: SampleContext, agent: AgentResult) -> dict[str, Any]:
    """What the record keeps of the agent's episode: outcome, turns, tokens, cost. Pure."""
    usage = agent.usage
    return {
        "agent_outcome": agent.outcome,
        "turns": agent.turns,
        "tool_calls": agent.tool_calls,
        "tool_errors": agent.tool_errors,
        "agent_seconds": agent.duration,
        "offered_tools": list(agent.offered_tools) if agent.offered_tools is not None else None,
        "input_tokens": usage.input_tokens,
        "output_tokens": usage.output_tokens,
        "cache_creation_input_tokens": usage.cache_creation_input_tokens,
        "cache_read_input_tokens": usage.cache_read_input_tokens,
        "cost_usd": cost_usd(job.model, usage, ctx.prices),
    }


def _grading_fields(
    ctx: SampleContext, agent: AgentResult, graded: GradingOutcome, seconds: float
) -> dict[str, Any]:
    """What the record keeps of a grading that ran: graders, checks, times, judge. Pure."""
    functional = next((r for r in graded.results if r.grader == "functional"), None)
    return {
        # an agent that ended oddly (a limit, Claude Code exiting) says so when grading did not
        "reason": graded.reason or (agent.reason if agent.outcome != "completed" else ""),
        "graders": grader_summaries(graded.results),
        "grading_seconds": seconds,
        "startup_seconds": graded.startup_seconds,
        "checks_passed": functional.passed if functional else 0,
        "checks_total": functional.total if functional else 0,
        **judge_fields(
            ctx.grading.judge.judge_id if ctx.grading.judge else None, graded.results, ctx.prices
        ),
    }


def _score_fields(task: Task, graded: GradingOutcome) -> dict[str, Any]:
    """The composite score, the bits and every dimension of a graded sample. Pure."""
    spec = task.spec.grading
    c = composite(spec.weights, graded.results, spec.security_checks)
    return {
        "score": c.score,
        "resolved": c.resolved,
        "secure_resolved": c.secure_resolved,
        **{d: c.dimensions.get(d) for d in KNOWN_DIMENSIONS},
        "missing": c.missing,
    }


def judge_fields(
    judge_id: str | None, results: list[GradeResult], prices: dict[str, Price] | None = None
) -> dict[str, Any]:
    """A design grading's criteria verdicts, and the judge's tokens and cost on this sample,
    counted apart from the agent's (none without a design grading). Pure."""
    criteria = design_criteria(results)
    if judge_id is None or not criteria:
        return {}
    usage = judge_usage(results)
    return {
        "criteria": criteria,
        "judge_tokens": usage.total,
        "judge_cost_usd": cost_usd(judge_id, usage, prices),
    }


GRADING_ATTEMPTS = 2
"""A grading that archbench's own machinery failed (grader_error, or an infrastructure error)
is done once more from the same workspace snapshot. The agent is never run again for it: that
would draw a new sample in place of the one that failed to be graded."""


async def grade_saved(
    ctx: SampleContext, job: SampleJob, snapshot: bytes, out: Path
) -> GradingOutcome | str:
    """Grade the sample's snapshot, again once if the machinery failed; the outcome (graded,
    startup_failed, or grader_error after the last attempt) or the infrastructure error's
    text."""
    reason = ""
    for attempt in range(1, GRADING_ATTEMPTS + 1):
        try:
            graded = await grade_snapshot(
                ctx.grading, job.task, snapshot, out, label=f"{job.epoch}-{attempt}"
            )
        except (SandboxError, ArchbenchError) as e:
            reason = str(e)
        except asyncio.CancelledError:
            raise
        except Exception as e:
            reason = f"{type(e).__name__}: {e}"[:500]
        else:
            if graded.status != "grader_error" or attempt == GRADING_ATTEMPTS:
                return graded
            reason = graded.reason
    return f"{reason} (graded {GRADING_ATTEMPTS} times from the same workspace)"


def _agent_image(ctx: SampleContext, job: SampleJob) -> str:
    if ctx.runtime_of(job) == "claude-code":
        if not ctx.images.claude_code:
            raise SandboxError("the Claude Code image was not built; run `archbench images build`")
        return ctx.images.claude_code
    return ctx.images.runtime


def _loop_limits(task: Task) -> LoopLimits:
    lim = task.spec.limits
    return LoopLimits(lim.max_turns, lim.max_tokens, lim.wall_time)


def _sandbox_limits(task: Task) -> SandboxLimits:
    lim = task.spec.limits
    return SandboxLimits(
        memory=lim.memory,
        cpus=lim.cpus,
        pids=lim.pids,
        workspace_size=lim.workspace_size,
        lifetime=lim.wall_time + 300,
    )
