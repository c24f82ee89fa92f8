"""`archbench run` end to end: check input, build images, run, report, print a summary.

Input is checked before anything is written or any container starts.
"""

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from graders.base import ProbeSettings
from harness.agentfile import RunAgent, agent_labels, load_agent
from harness.docker_env import connect
from harness.errors import ArchbenchError, InputError, ModelConfigError, ResultsError
from harness.images import ImageSet, ensure_images
from harness.prices import PRICES_AS_OF, Price, is_free, price_of
from harness.progress_log import LogObserver, heartbeat
from harness.report import overall, per_task, results_df, write_report
from harness.results import RunRecord, SampleRecord, read_run, read_samples
from harness.runner import RunConfig, RunObserver, default_concurrency, execute_run
from harness.runtimes import DEFAULT_RUNTIME, RUNTIMES, Runtime
from harness.sample import SampleJob
from harness.tasks import load_tasks, select_tasks
from harness.tools import split_tools

if TYPE_CHECKING:
    import pandas as pd

    from harness.validate import TaskValidation


@dataclass(frozen=True)
class RunRequest:
    agent_paths: tuple[Path, ...]
    """One agent file, or several for a matrix run (every agent x every model)."""
    models: tuple[str, ...]
    model_reason: str
    task_patterns: tuple[str, ...]
    epochs: int
    concurrency: int | None
    run_dir: Path
    run_id: str
    tasks_dir: Path
    cache_dir: Path
    cli_args: tuple[str, ...]
    probe: ProbeSettings = field(default_factory=ProbeSettings)
    max_cost: float | None = None
    prices: dict[str, Price] = field(default_factory=dict)
    resume: bool = False
    shard: tuple[int, int] | None = None
    runtimes: tuple[Runtime, ...] = (DEFAULT_RUNTIME,)
    judge: str = "scripted"
    """--judge: what answers design tasks' rubrics (harness.judge.factory)."""
    judge_samples: int = 3


def build_images(console: Console) -> ImageSet:
    client = connect()
    with console.status("checking images") as status:

        def progress(msg: str) -> None:
            console.log(msg, markup=False, highlight=False)
            status.update(msg[:100])

        return ensure_images(client, cache_dir=Path(".cache"), progress=progress)


class RichObserver(RunObserver):
    """One progress row per sample (phase, elapsed, tokens, score) and an overall row."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.rows: dict[str, TaskID] = {}
        self.scores: list[float] = []
        self.overall = progress.add_task("overall", total=None, info="")

    def run_started(self, total: int) -> None:
        self.progress.update(self.overall, total=total)

    def sample_started(self, job: SampleJob) -> None:
        self.rows[job.key] = self.progress.add_task(job.key, total=1, info="starting")

    def sample_phase(self, job: SampleJob, phase: str, info: dict[str, object]) -> None:
        tokens = f", {info['tokens']} tokens" if "tokens" in info else ""
        self.progress.update(self.rows[job.key], info=f"{phase}{tokens}")

    def sample_finished(self, job: SampleJob, record: SampleRecord) -> None:
        if record.score is not None:
            self.scores.append(record.score)
        tokens = record.input_tokens + record.output_tokens
        score = "-" if record.score is None else f"{record.score:.2f}"
        self.progress.update(
            self.rows[job.key], completed=1, info=f"{record.status} score={score} tokens={tokens}"
        )
        mean = sum(self.scores) / len(self.scores) if self.scores else 0.0
        self.progress.update(self.overall, advance=1, info=f"mean score {mean:.3f}")


@contextlib.contextmanager
def show_progress(config: RunConfig, console: Console) -> Iterator[RunObserver]:
    """The rich live display on a terminal; elsewhere (a CI log) plain lines: one per finished
    sample and a heartbeat at least once a minute."""
    if console.is_terminal:
        columns = (
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(bar_width=12),
            TimeElapsedColumn(),
            TextColumn("{task.fields[info]}"),
        )
        with Progress(*columns, console=console) as progress:
            yield RichObserver(progress)
        return

    def emit(line: str) -> None:
        console.print(line, markup=False, highlight=False, soft_wrap=True)

    observer = LogObserver(emit, concurrency=config.concurrency, models=len(config.models))
    with heartbeat(observer):
        yield observer


def request_record(req: RunRequest) -> dict[str, Any]:
    """The settings of a run as JSON, enough to rebuild the request on --resume. Pure."""
    return {
        "agent_paths": [str(p) for p in req.agent_paths],
        "models": list(req.models),
        "model_reason": req.model_reason,
        "task_patterns": list(req.task_patterns),
        "epochs": req.epochs,
        "concurrency": req.concurrency,
        "tasks_dir": str(req.tasks_dir),
        "probe": asdict(req.probe),
        "max_cost": req.max_cost,
        "prices": {m: asdict(p) for m, p in req.prices.items()},
        "shard": list(req.shard) if req.shard else None,
        "runtimes": list(req.runtimes),
        "judge": req.judge,
        "judge_samples": req.judge_samples,
    }


def resume_request(run_dir: Path, cache_dir: Path, cli_args: tuple[str, ...]) -> RunRequest:
    """The request of the run in `run_dir`, rebuilt from its run.json (InputError if it cannot
    be resumed)."""
    run = read_run(run_dir)
    r = run.request
    if not r:
        raise ResultsError(f"{run_dir}/run.json: records no settings to resume from")
    if run.status == "completed":
        raise ResultsError(f"{run_dir}: the run already completed; nothing to resume")
    return RunRequest(
        # runs recorded before matrix runs kept one "agent_path"
        agent_paths=tuple(Path(p) for p in r.get("agent_paths") or [r["agent_path"]]),
        models=tuple(r["models"]),
        model_reason=r["model_reason"],
        task_patterns=tuple(r["task_patterns"]),
        epochs=int(r["epochs"]),
        concurrency=r["concurrency"],
        run_dir=run_dir,
        run_id=run.run_id,
        tasks_dir=Path(r["tasks_dir"]),
        cache_dir=cache_dir,
        cli_args=cli_args,
        probe=ProbeSettings(**r["probe"]),
        max_cost=r["max_cost"],
        prices={m: Price(**p) for m, p in r["prices"].items()},
        resume=True,
        shard=tuple(r["shard"]) if r.get("shard") else None,
        # runs recorded before runtimes existed ran the builtin loop
        runtimes=parse_runtimes(r.get("runtimes") or ["builtin"]),
        judge=r.get("judge", "scripted"),
        judge_samples=int(r.get("judge_samples", 3)),
    )


def check_resumable(run: RunRecord, config: RunConfig) -> None:
    """The agent file and every task must be exactly what the run started with. Pure."""
    where = f"{config.run_dir}/run.json"
    if len(config.agents) != len(run.all_agents()):
        raise ResultsError(f"{where}: the agent files differ from the run's; start a new run")
    for now_agent, was in zip(config.agents, run.all_agents(), strict=True):
        if now_agent.spec.sha256 != was.sha256:
            raise ResultsError(
                f"{where}: agent file {now_agent.spec.path} changed since the run started "
                f"(sha256 {was.sha256[:12]} -> {now_agent.spec.sha256[:12]}); restore it or "
                "start a new run"
            )
    recorded = {t.id: t.content_hash for t in run.tasks}
    now = {t.id: t.content_hash for t in config.tasks}
    if set(recorded) != set(now):
        raise ResultsError(f"{where}: the task selection differs from the run's; start a new run")
    changed = sorted(t for t in now if now[t] != recorded[t])
    if changed:
        raise ResultsError(
            f"{where}: task {', '.join(changed)} changed since the run started; restore it or "
            "start a new run"
        )


def _run_agents(paths: tuple[Path, ...]) -> tuple[RunAgent, ...]:
    specs = [load_agent(p) for p in paths]
    out = []
    for spec, label in zip(specs, agent_labels(specs), strict=True):
        selection = split_tools(spec.tools if spec.tools is not None else ())
        offered = selection.offered if spec.tools is not None else tuple(split_tools([]).offered)
        out.append(RunAgent(label, spec, offered or _all_tools(spec.tools), selection.unsupported))
    return tuple(out)


def _check_request(req: RunRequest) -> RunConfig:
    agents = _run_agents(req.agent_paths)
    tasks = select_tasks(load_tasks(req.tasks_dir), list(req.task_patterns))
    if not tasks:
        raise InputError(f"{req.tasks_dir}: no tasks found; add tasks or pass --tasks-dir")
    for m in req.models:
        if m == "anthropic/":
            raise ModelConfigError("--model anthropic/: give a model id, e.g. anthropic/<id>")
        if m.startswith("anthropic/") and not os.environ.get("ANTHROPIC_API_KEY"):
            raise ModelConfigError("ANTHROPIC_API_KEY is not set; export it or use --model oracle")
        if m.startswith("openai/") and not (
            os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL")
        ):
            raise ModelConfigError(
                "OPENAI_API_KEY is not set; export it, or set OPENAI_BASE_URL to a local server"
            )
        if m.startswith("replay:"):
            from harness.models.replay import check_replay

            check_replay(m, [t.id for t in tasks], req.epochs)
            continue
        known = m in ("oracle", "noop", "mutant") or m.startswith(("anthropic/", "openai/"))
        if not known or m in ("openai/",):
            raise ModelConfigError(
                f"--model {m}: unknown; use oracle, mutant, noop, anthropic/<id> or openai/<id>"
            )
    for m in req.models:
        if not is_free(m) and price_of(m, req.prices) is None:
            raise ModelConfigError(
                f"--model {m}: no price known (table dated {PRICES_AS_OF}); pass "
                f"--price {m}=IN,OUT in USD per million tokens"
            )
    taken = (req.run_dir / "samples.jsonl").exists() or (req.run_dir / "run.json").exists()
    if taken and not req.resume:
        raise ResultsError(
            f"{req.run_dir}: already holds a run; pick another --run-id (or --resume it)"
        )
    return RunConfig(
        agents=agents,
        models=req.models,
        model_reason=req.model_reason,
        tasks=tuple(tasks),
        epochs=req.epochs,
        concurrency=req.concurrency or default_concurrency(),
        run_dir=req.run_dir,
        run_id=req.run_id,
        cli_args=req.cli_args,
        probe=req.probe,
        max_cost=req.max_cost,
        prices=dict(req.prices),
        request=request_record(req),
        shard=req.shard,
        runtimes=req.runtimes,
        judge=req.judge,
        judge_samples=req.judge_samples,
    )


def parse_runtimes(given: list[str]) -> tuple[Runtime, ...]:
    """--runtime values, in order, without repeats; the default when none. InputError for an
    unknown one. Pure."""
    picked: list[Runtime] = []
    for name in given or [DEFAULT_RUNTIME]:
        runtime = next((r for r in RUNTIMES if r == name), None)
        if runtime is None:
            raise InputError(f"--runtime {name}: unknown; use one of {', '.join(RUNTIMES)}")
        if runtime not in picked:
            picked.append(runtime)
    return tuple(picked)


def _all_tools(tools: tuple[str, ...] | None) -> tuple[str, ...]:
    from harness.tools import SUPPORTED

    return SUPPORTED if tools is None else ()


SUMMARY_COLUMNS = ("samples", "score", "resolved", "checks", "infra errors")


def summary_rows(df: "pd.DataFrame") -> list[tuple[str, ...]]:
    """The summary's rows: per task, then overall, for every configuration. Runtime and agent
    columns (before model) appear when the run has several, so configurations are never
    pooled. The first row is the header. Pure."""
    splits = [c for c in ("runtime", "agent") if df[c].nunique() > 1]
    configs = list(df.groupby(splits)) if splits else [((), df)]
    tasks: list[tuple[str, ...]] = []
    totals: list[tuple[str, ...]] = []
    for key, part in configs:
        labels = tuple(str(v) for v in key)
        for index, row in per_task(part).iterrows():
            task_id, model = (str(v) for v in index)  # type: ignore[attr-defined]
            score, resolved = _num(row.get("score"), 3), _num(row.get("resolved"), 2)
            checks = str(row["checks"]) if isinstance(row.get("checks"), str) else "-"
            infra = str(row.get("infra_errors", 0))
            tasks.append(
                (task_id, *labels, model, str(row["samples"]), score, resolved, checks, infra)
            )
        for model_id, row in overall(part).iterrows():
            score, resolved = _num(row["mean_score"], 3), _num(row["resolved_rate"], 2)
            infra = str(row["infra_errors"])
            totals.append(
                ("overall", *labels, str(model_id), str(row["scored"]), score, resolved, "", infra)
            )
    return [("task", *splits, "model", *SUMMARY_COLUMNS), *sorted(tasks), *totals]


def _num(value: object, digits: int) -> str:
    """A float with `digits` decimals, '-' for a missing one (a task with no scored sample)."""
    if not isinstance(value, int | float) or value != value:
        return "-"
    return f"{value:.{digits}f}"


def _summary_table(run_dir: Path) -> Table:
    header, *rows = summary_rows(results_df(run_dir))
    table = Table(*header, title="archbench summary")
    for row in rows:
        table.add_row(*row, style="bold" if row[0] == "overall" else None)
    return table


def cost_estimate(config: RunConfig) -> str:
    """A line bounding the run's spend before it starts (empty for free models only)."""
    priced = [m for m in config.models if not is_free(m)]
    if not priced:
        return ""
    samples = len(config.tasks) * config.epochs * len(config.agents)
    bound = 0.0
    for m in priced:
        price = price_of(m, config.prices)
        assert price is not None  # checked in _check_request
        top = max(price.input, price.cache_write, price.output)
        tokens = sum(t.spec.limits.max_tokens for t in config.tasks) * config.epochs
        bound += tokens * len(config.agents) * top / 1e6
    cap = f"; --max-cost stops new samples at ${config.max_cost:.2f}" if config.max_cost else ""
    return (
        f"cost estimate: {samples * len(priced)} priced samples; at most ${bound:,.2f} if every "
        f"sample used its whole token budget at its dearest rate (real runs use far less){cap}"
    )


def run_benchmark(req: RunRequest, console: Console, out: Console) -> int:
    config = _check_request(req)
    if req.resume:
        previous = read_run(req.run_dir)
        check_resumable(previous, config)
        config = replace(config, resume=previous)
        console.print(
            f"resuming {req.run_id}: {len(read_samples(req.run_dir))} finished samples kept",
            markup=False,
            highlight=False,
        )
    for a in config.agents:
        if a.unsupported_tools and "builtin" in config.runtimes:
            console.print(
                f"agent {a.label}: tools the builtin runtime does not offer: "
                f"{', '.join(a.unsupported_tools)}"
            )
        if a.spec.extra:
            console.print(
                f"agent {a.label}: unknown frontmatter keys kept and ignored: "
                f"{', '.join(sorted(a.spec.extra))}"
            )
    estimate = cost_estimate(config)
    if estimate:
        console.print(estimate, markup=False, highlight=False)
    images = build_images(console)
    client = connect()
    try:
        with show_progress(config, console) as observer:
            execute_run(
                config, client, images, observer, api_key=os.environ.get("ANTHROPIC_API_KEY")
            )
    except ArchbenchError as e:
        console.print(f"archbench: run failed: {e}", markup=False, highlight=False)
        return 1
    for info in read_run(config.run_dir).all_agents():
        if info.claude_code_unsupported:
            console.print(
                f"agent {info.label or info.name}: tools Claude Code "
                f"{images.claude_code_info.get('version', '')} does not offer: "
                f"{', '.join(info.claude_code_unsupported)} (offered: "
                f"{', '.join(info.claude_code_tools or [])})",
                markup=False,
                highlight=False,
            )
    paths = write_report(config.run_dir)
    out.print(_summary_table(config.run_dir))
    out.print(f"report: {paths.markdown}")
    return 0


def validate_command(
    tasks_dir: Path,
    patterns: list[str],
    *,
    runs: int,
    concurrency: int,
    out: Path,
    console: Console,
    probe: ProbeSettings | None = None,
    all_graders: bool = False,
    first_kill: bool = False,
    impl_dir: Path | None = None,
    out_console: Console | None = None,
    judge: str = "scripted",
    judge_samples: int = 3,
) -> int:
    from harness.grading import GradingTarget
    from harness.judge.factory import open_judge
    from harness.validate import validate_tasks

    tasks = select_tasks(load_tasks(tasks_dir), patterns)
    if impl_dir is not None and not impl_dir.is_dir():
        raise InputError(f"--impl {impl_dir}: no such folder; give a folder of <task id>/ folders")
    images = build_images(console)
    run_id = f"validate-{os.getpid()}"
    target = GradingTarget(
        connect(),
        images,
        run_id,
        probe or ProbeSettings(),
        judge=open_judge(judge, tasks, api_key=os.environ.get("ANTHROPIC_API_KEY"), env=os.environ),
        judge_samples=judge_samples,
    )
    t0 = time.monotonic()
    results = validate_tasks(
        target,
        tasks,
        runs=runs,
        out=out / run_id,
        concurrency=concurrency,
        progress=lambda m: console.log(m, markup=False, highlight=False),
        all_graders=all_graders,
        first_kill=first_kill,
        impl_dir=impl_dir,
    )
    table = Table(
        "task",
        "reference",
        "mutants killed",
        "bits lost",
        "equivalents",
        "probes both ways",
        "starter",
        "seconds",
        "problems",
        title=f"archbench tasks validate ({runs} reference runs)",
        caption=f"{len(results)} tasks in {time.monotonic() - t0:.0f} s wall time",
    )
    for r in results:
        ok_runs = sum(s == 1.0 for s in r.reference_scores)
        killed = sum(m.killed for m in r.mutants)
        table.add_row(
            r.task_id,
            f"{ok_runs}/{len(r.reference_scores)}",
            f"{killed}/{len(r.mutants)}",
            f"{sum(bool(m.lost_bit) for m in r.mutants)}/{len(r.mutants)}",
            f"{sum(e.ok for e in r.equivalents)}/{len(r.equivalents)}",
            f"{sum(bool(v) for v in r.probe_killers.values())}/{len(r.probe_killers)}",
            f"{r.starter_status} {r.starter_score:.2f}",
            f"{r.seconds:.0f}",
            "; ".join(r.problems) or "ok",
        )
    shown = out_console or console
    (out / run_id).mkdir(parents=True, exist_ok=True)
    with open(out / run_id / "validate.txt", "w") as record:
        saved = Console(file=record, width=200, color_system=None)
        for c in (shown, saved):
            c.print(table)
            for line in _validate_lines(results):
                c.print(line, markup=False, highlight=False)
    shown.print(f"validation record: {out / run_id / 'validate.txt'}", markup=False)
    return 0 if all(r.ok for r in results) else 1


def _validate_lines(results: "list[TaskValidation]") -> list[str]:
    """Which checks kill which mutant, which mutants each probe fails against, and the
    dimensions of every grading. Pure."""
    lines = []
    for r in results:
        lines += [f"{r.task_id} PROBLEM {p}" for p in r.problems]
        lines += [f"{r.task_id} WARNING {w}" for w in r.warnings if w not in r.problems]
        if r.calibration is not None:
            bar = "" if r.calibration.binding else " (scripted judge: plumbing only, no bar)"
            lines.append(f"{r.task_id} calibration {r.calibration.describe()}{bar}")
        for m in r.mutants:
            lost = {True: "lost", False: "KEPT", None: "-"}[m.lost_bit]
            lines.append(
                f"{r.task_id} mutant {m.name}: {'killed by ' if m.killed else 'SURVIVED '}"
                f"{', '.join(m.killers[:4]) or m.reason}"
                + (f" [{m.concerns}: bit {lost}]" if m.killed else "")
            )
        lines += [f"{r.task_id} equivalent {e.name}: {e.describe()}" for e in r.equivalents]
        lines += [f"{r.task_id} impl {i.name}: {i.describe()}" for i in r.implementations]
        for probe_name, mutants in r.probe_killers.items():
            misses = "; ".join(f"{m}: {n}" for m, n in r.probe_misses.get(probe_name, {}).items())
            lines.append(
                f"{r.task_id} probe {probe_name}: fails against {', '.join(mutants) or 'none'}"
                + (f" ({misses})" if misses else "")
            )
        for label, dims in r.dimensions.items():
            shown = " ".join(
                f"{d}={'-' if v is None else f'{v:.2f}'}" for d, v in sorted(dims.items())
            )
            lines.append(f"{r.task_id} {label}: {shown}")
    return lines
