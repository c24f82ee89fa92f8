"""A run request: the settings of `archbench run`, checked into a RunConfig before anything is
written or any container starts, recorded in run.json and rebuilt from it on --resume."""

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from graders.base import ProbeSettings
from harness.agent.agentfile import RunAgent, agent_labels, load_agent
from harness.agent.builtin.tools import split_tools
from harness.agent.runtimes import DEFAULT_RUNTIME, RUNTIMES, Runtime
from harness.errors import InputError, ModelConfigError, ResultsError
from harness.models.prices import PRICES_AS_OF, Price, is_free, price_of
from harness.results.log import RunRecord, read_run
from harness.run.runner import RunConfig, default_concurrency
from harness.tasks.spec import load_tasks, select_tasks


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


def check_request(req: RunRequest) -> RunConfig:
    """Every input of the request checked (agent files, tasks, models, prices, the run
    folder); InputError and its kin name the file or flag and the fix."""
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
    from harness.agent.builtin.tools import SUPPORTED

    return SUPPORTED if tools is None else ()


def cost_estimate(config: RunConfig) -> str:
    """A line bounding the run's spend before it starts (empty for free models only)."""
    priced = [m for m in config.models if not is_free(m)]
    if not priced:
        return ""
    samples = len(config.tasks) * config.epochs * len(config.agents)
    bound = 0.0
    for m in priced:
        price = price_of(m, config.prices)
        assert price is not None  # checked in check_request
        top = max(price.input, price.cache_write, price.output)
        tokens = sum(t.spec.limits.max_tokens for t in config.tasks) * config.epochs
        bound += tokens * len(config.agents) * top / 1e6
    cap = f"; --max-cost stops new samples at ${config.max_cost:.2f}" if config.max_cost else ""
    return (
        f"cost estimate: {samples * len(priced)} priced samples; at most ${bound:,.2f} if every "
        f"sample used its whole token budget at its dearest rate (real runs use far less){cap}"
    )
