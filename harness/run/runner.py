"""A run: the cross product of tasks x epochs x models, samples run concurrently, each one
recorded the moment it finishes. Docker objects of the run are swept when it ends, however it
ends.
"""

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graders.base import ProbeSettings
from harness import __version__
from harness.agent.agentfile import RunAgent, parse_agent
from harness.agent.claude_code.definition import unsupported_tools
from harness.agent.runtimes import DEFAULT_RUNTIME, Runtime
from harness.images import ImageSet
from harness.judge.factory import judge_record, open_judge
from harness.models.prices import Price
from harness.results.log import (
    AgentInfo,
    ResultsWriter,
    RunRecord,
    SampleRecord,
    TaskInfo,
    read_samples,
    sample_folder,
)
from harness.results.taxonomy import should_retry
from harness.run.grading import GradingTarget
from harness.run.sample import SampleContext, SampleJob, run_sample
from harness.sandbox.docker_env import sweep
from harness.tasks.spec import Task

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class RunConfig:
    agents: tuple[RunAgent, ...]
    """One or more agent files (several make a matrix run: every agent x every model)."""
    models: tuple[str, ...]
    model_reason: str
    tasks: tuple[Task, ...]
    epochs: int
    concurrency: int
    run_dir: Path
    run_id: str
    cli_args: tuple[str, ...]
    seed: int = 0
    probe: ProbeSettings = field(default_factory=ProbeSettings)
    max_cost: float | None = None
    """Stop starting samples once the finished ones cost this much (USD)."""
    prices: dict[str, Price] = field(default_factory=dict)
    request: dict[str, Any] = field(default_factory=dict)
    shard: tuple[int, int] | None = None
    """(i, n): run only the i-th of n deterministic slices of the samples (1-based)."""
    resume: RunRecord | None = None
    """The record of the run being resumed (its finished samples are kept, not redone)."""
    runtimes: tuple[Runtime, ...] = (DEFAULT_RUNTIME,)
    """One runtime, or several for a matrix over runtimes too."""
    judge: str = "scripted"
    """What answers design tasks' rubrics: scripted (offline) or a model spec."""
    judge_samples: int = 3


class RunObserver:
    """Receives progress; the CLI draws it, tests record it. Default: ignore everything."""

    def run_started(self, total: int) -> None:
        """`total`: the samples this invocation will run (its shard, less those resumed)."""

    def sample_started(self, job: SampleJob) -> None: ...

    def sample_phase(self, job: SampleJob, phase: str, info: dict[str, Any]) -> None: ...

    def sample_finished(self, job: SampleJob, record: SampleRecord) -> None: ...


def git_sha(root: Path = REPO_ROOT) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    sha = out.stdout.strip() if out.returncode == 0 else "unknown"
    dirty = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        timeout=5,
    ).stdout.strip()
    return f"{sha}-dirty" if dirty and sha != "unknown" else sha


def make_jobs(
    tasks: Sequence[Task],
    epochs: int,
    models: Sequence[str],
    agents: Sequence[str] = ("",),
    runtimes: Sequence[str] = ("",),
) -> list[SampleJob]:
    """Every runtime x agent x model x task x epoch; `agents` and `runtimes` are labels ('' for
    a run of one)."""
    return [
        SampleJob(t, e, m, a, r)
        for r in runtimes
        for a in agents
        for m in models
        for t in tasks
        for e in range(1, epochs + 1)
    ]


def job_runtimes(config: RunConfig) -> dict[str, Runtime]:
    """The runtimes by SampleJob.runtime: names in a matrix run, '' for a run of one."""
    if len(config.runtimes) == 1:
        return {"": config.runtimes[0]}
    return {r: r for r in config.runtimes}


def job_agents(config: RunConfig) -> dict[str, RunAgent]:
    """The agents by SampleJob.agent: labels in a matrix run, '' for a run of one agent."""
    if len(config.agents) == 1:
        return {"": config.agents[0]}
    return {a.label: a for a in config.agents}


def agent_info(a: RunAgent) -> AgentInfo:
    return AgentInfo(
        path=a.spec.path,
        name=a.spec.name,
        sha256=a.spec.sha256,
        text=a.spec.text,
        offered_tools=list(a.offered_tools),
        unsupported_tools=list(a.unsupported_tools),
        unknown_keys=sorted(a.spec.extra),
        label=a.label,
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_record(config: RunConfig, images: ImageSet) -> RunRecord:
    infos = [agent_info(a) for a in config.agents]
    return RunRecord(
        run_id=config.run_id,
        harness_version=__version__,
        git_sha=git_sha(),
        started_at=_now(),
        agent=infos[0],
        agents=infos if len(infos) > 1 else [],
        models=list(config.models),
        model_reason=config.model_reason,
        tasks=[
            TaskInfo(
                id=t.id,
                content_hash=t.content_hash,
                category=t.spec.category,
                difficulty=t.spec.difficulty,
            )
            for t in config.tasks
        ],
        epochs=config.epochs,
        images=images.ids,
        limits={t.id: t.spec.limits.model_dump() for t in config.tasks},
        cli_args=list(config.cli_args),
        seed=config.seed,
        probe=asdict(config.probe),
        max_cost=config.max_cost,
        request=config.request,
        shard=f"{config.shard[0]}/{config.shard[1]}" if config.shard else None,
        runtimes=list(config.runtimes),
        claude_code=images.claude_code_info if "claude-code" in config.runtimes else {},
        judge=judge_record(config.judge, config.judge_samples, config.tasks),
    )


@dataclass
class Budget:
    """--max-cost: finished samples' cost, plus what running samples have spent so far (the
    Claude Code bridge reports it after every model turn and stops a sample that would go
    past the limit)."""

    limit: float | None
    spent: float = 0.0
    skipped: int = 0
    running: dict[str, float] = field(default_factory=dict)

    def spend(self, cost: float | None, key: str = "") -> None:
        self.running.pop(key, None)
        self.spent += cost or 0.0

    def charge(self, key: str, cost_so_far: float) -> bool:
        """Record a running sample's cost so far; False once the run is past its limit."""
        self.running[key] = cost_so_far
        return self.limit is None or self.spent + sum(self.running.values()) < self.limit

    @property
    def exceeded(self) -> bool:
        return self.limit is not None and self.spent >= self.limit


async def _run_all(
    jobs: list[SampleJob],
    ctx: SampleContext,
    writer: ResultsWriter,
    observer: RunObserver,
    concurrency: int,
    budget: Budget,
) -> list[SampleRecord]:
    gate = asyncio.Semaphore(concurrency)
    records: list[SampleRecord] = []

    async def one(job: SampleJob) -> None:
        async with gate:
            if budget.exceeded:
                budget.skipped += 1
                return
            observer.sample_started(job)

            def phase(name: str, info: dict[str, Any]) -> None:
                observer.sample_phase(job, name, info)

            attempt = 1
            while True:
                out = writer.sample_dir(job.task.id, job.epoch, job.model, job.agent, job.runtime)
                record = await run_sample(job, ctx, out, phase)
                if not should_retry(record.status, attempt):
                    break
                phase("retry", {"status": record.status, "attempt": attempt})
                shutil.rmtree(out, ignore_errors=True)  # the next attempt starts clean
                attempt += 1
            record = record.model_copy(update={"attempts": attempt})
            writer.append_sample(record)
            records.append(record)
            budget.spend(record.cost_usd, job.key)
            observer.sample_finished(job, record)

    async with asyncio.TaskGroup() as tg:
        for job in jobs:
            tg.create_task(one(job))
    return records


def shard_of(jobs: Sequence[SampleJob], i: int, n: int) -> list[SampleJob]:
    """The i-th (1-based) of n slices: jobs sorted by key, every n-th from position i - 1.
    Deterministic, disjoint, and together the whole list. Pure."""
    ordered = sorted(jobs, key=lambda j: j.key)
    return ordered[i - 1 :: n]


def pending_jobs(config: RunConfig, writer: ResultsWriter) -> list[SampleJob]:
    """All jobs of the run (of its shard) minus those with a finished sample; the folders of
    unfinished ones (partial transcripts, snapshots) are discarded so they start clean."""
    jobs = make_jobs(
        config.tasks,
        config.epochs,
        config.models,
        list(job_agents(config)),
        list(job_runtimes(config)),
    )
    if config.shard is not None:
        jobs = shard_of(jobs, *config.shard)
    if config.resume is None:
        return jobs
    done = {s.sample_id for s in read_samples(config.run_dir)}
    pending = [j for j in jobs if j.key not in done]
    for job in pending:
        folder = sample_folder(
            config.run_dir, job.task.id, job.epoch, job.model, job.agent, job.runtime
        )
        shutil.rmtree(folder, ignore_errors=True)
    return pending


def _spent(writer: ResultsWriter) -> float:
    return sum(s.cost_usd or 0.0 for s in read_samples(writer.run_dir))


def execute_run(
    config: RunConfig,
    client: Any,
    images: ImageSet,
    observer: RunObserver,
    api_key: str | None = None,
) -> tuple[RunRecord, list[SampleRecord]]:
    """Run every sample (when resuming, every sample not yet finished); the run record is
    written first and rewritten at the end."""
    writer = ResultsWriter(config.run_dir)
    if config.resume is not None:
        sweep(client, config.run_id)  # containers of the killed run
        writer.repair_tail()
        run = config.resume.model_copy(
            update={
                "status": "running",
                "finished_at": None,
                "images": images.ids,
                "resumed_at": [*config.resume.resumed_at, _now()],
            }
        )
    else:
        run = run_record(config, images)
    writer.write_run(run)
    ctx = SampleContext(
        client=client,
        images=images,
        agents=job_agents(config),
        run_id=config.run_id,
        api_key=api_key,
        prices=config.prices,
        grading=GradingTarget(
            client,
            images,
            config.run_id,
            config.probe,
            judge=open_judge(config.judge, config.tasks, api_key=api_key, env=os.environ),
            judge_samples=config.judge_samples,
        ),
        runtimes=job_runtimes(config),
    )
    jobs = pending_jobs(config, writer)
    observer.run_started(len(jobs))
    budget = Budget(config.max_cost, spent=_spent(writer) if config.resume else 0.0)
    ctx = replace(ctx, charge=budget.charge)
    status = "failed"
    try:
        with interrupt_on_sigterm():
            records = asyncio.run(_run_all(jobs, ctx, writer, observer, config.concurrency, budget))
        status = "budget_exceeded" if budget.skipped else "completed"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        ctx.grading.close()
        sweep(client, config.run_id)
        run = with_claude_code_tools(run, read_samples(config.run_dir))
        run = run.model_copy(update={"status": status, "finished_at": _now()})
        writer.write_run(run)
    return run, records


def with_claude_code_tools(run: RunRecord, samples: Sequence[SampleRecord]) -> RunRecord:
    """The run record with, per agent, the tools Claude Code offered it (from the first of its
    samples that saw a request) and the frontmatter tools it did not offer. Pure."""
    infos = []
    for info in run.all_agents():
        seen = next(
            (
                s.offered_tools
                for s in samples
                if s.runtime == "claude-code"
                and s.offered_tools
                and s.agent == (info.label or info.name)
            ),
            None,
        )
        if seen is not None and info.claude_code_tools is None:
            spec = parse_agent(info.text, info.path)
            info = info.model_copy(
                update={
                    "claude_code_tools": list(seen),
                    "claude_code_unsupported": unsupported_tools(spec.tools, seen),
                }
            )
        infos.append(info)
    return run.model_copy(update={"agent": infos[0], "agents": infos if run.agents else []})


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def interrupt_on_sigterm() -> Iterator[None]:
    """SIGTERM behaves like Ctrl-C inside the block, so cleanup in `finally` runs."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def default_concurrency() -> int:
    return max(1, min(4, os.cpu_count() or 1))
