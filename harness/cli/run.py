"""`archbench run`: parse the flags into a RunRequest, call the engine, print the summary."""

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from harness.cli.live import ConsoleHooks
from harness.cli.options import (
    CACHE_DIR,
    Calibrate,
    Judge,
    JudgeSamples,
    OutDir,
    ProbeLength,
    RunId,
    TasksDir,
    checked_run_id,
    console,
    new_run_id,
    out,
    probe_settings,
    say,
)
from harness.cli.summary import summary_table
from harness.errors import InputError
from harness.models.prices import Price, parse_price
from harness.results.merge import parse_shard
from harness.run.engine import run_benchmark
from harness.run.request import RunRequest, parse_runtimes, resume_request

RUN_FAILED = 1


def choose_models(models: list[str], env: dict[str, str]) -> tuple[list[str], str]:
    """The models to run and why: explicit flags win; else anthropic with a key, else oracle."""
    from harness.models.factory import DEFAULT_ANTHROPIC_MODEL

    if models:
        return models, "chosen with --model"
    if env.get("ANTHROPIC_API_KEY"):
        return [f"anthropic/{DEFAULT_ANTHROPIC_MODEL}"], "ANTHROPIC_API_KEY is set"
    return ["oracle"], "ANTHROPIC_API_KEY is not set, so the offline oracle model runs"


def run(
    agent: Annotated[
        list[Path] | None,
        typer.Option(
            help="Claude Code subagent file (system prompt); repeat for a matrix run "
            "[default: agents/backend-architect.md]."
        ),
    ] = None,
    model: Annotated[
        list[str] | None,
        typer.Option(help="oracle | mutant | noop | anthropic/<model-id>; repeat for several."),
    ] = None,
    tasks: Annotated[list[str] | None, typer.Option(help="Task id or glob; repeatable.")] = None,
    epochs: Annotated[int, typer.Option(min=1, help="Samples per task and model.")] = 1,
    concurrency: Annotated[int | None, typer.Option(min=1, help="Samples at once.")] = None,
    out_dir: OutDir = Path("results"),
    run_id: RunId = None,
    tasks_dir: TasksDir = Path("tasks"),
    probe_length: ProbeLength = "full",
    calibrate: Calibrate = False,
    max_cost: Annotated[
        float | None,
        typer.Option(min=0.0, help="Start no new sample once finished ones cost this (USD)."),
    ] = None,
    price: Annotated[
        list[str] | None,
        typer.Option(help="MODEL=IN,OUT[,CACHE_WRITE,CACHE_READ] USD/MTok; repeatable."),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(help="Continue the run in this folder (its settings come from run.json)."),
    ] = None,
    shard: Annotated[
        str | None, typer.Option(help="I/N: run the I-th of N deterministic slices of samples.")
    ] = None,
    runtime: Annotated[
        list[str] | None,
        typer.Option(
            help="claude-code (the real CLI in the sandbox) | builtin (archbench's own loop); "
            "repeat for a matrix [default: claude-code]."
        ),
    ] = None,
    judge: Judge = "scripted",
    judge_samples: JudgeSamples = 3,
) -> None:
    """Run the benchmark and write results/<run-id>/ (then `archbench report` it)."""
    # Over 60 lines: typer declares every flag as a parameter here; the body only dispatches.
    if resume is not None:
        given = {
            "--agent": bool(agent),
            "--model": bool(model),
            "--tasks": bool(tasks),
            "--epochs": epochs != 1,
            "--run-id": run_id is not None,
            "--tasks-dir": tasks_dir != Path("tasks"),
            "--probe-length": probe_length != "full",
            "--calibrate": calibrate,
            "--max-cost": max_cost is not None,
            "--price": bool(price),
            "--shard": shard is not None,
            "--runtime": bool(runtime),
            "--judge": judge != "scripted",
            "--judge-samples": judge_samples != 3,
        }
        raise typer.Exit(_execute(_resumed(resume, given, concurrency)))
    models, reason = choose_models(model or [], dict(os.environ))
    rid = checked_run_id(run_id or new_run_id())
    request = RunRequest(
        agent_paths=tuple(agent or [Path("agents/backend-architect.md")]),
        models=tuple(models),
        model_reason=reason,
        task_patterns=tuple(tasks or ()),
        epochs=epochs,
        concurrency=concurrency,
        run_dir=out_dir / rid,
        run_id=rid,
        tasks_dir=tasks_dir,
        cache_dir=CACHE_DIR,
        cli_args=tuple(sys.argv[1:]),
        probe=probe_settings(probe_length, calibrate),
        max_cost=max_cost,
        prices=_prices(price or []),
        shard=parse_shard(shard) if shard else None,
        runtimes=parse_runtimes(runtime or []),
        judge=judge,
        judge_samples=judge_samples,
    )
    console.print(f"model: {', '.join(models)} ({reason})")
    raise typer.Exit(_execute(request))


def _resumed(resume: Path, given: dict[str, bool], concurrency: int | None) -> RunRequest:
    """The request of the run to resume; only --concurrency may change with it."""
    extra = [flag for flag, on in given.items() if on]
    if extra:
        raise InputError(
            f"--resume {resume}: the settings come from its run.json; drop {', '.join(extra)}"
        )
    request = resume_request(resume, CACHE_DIR, tuple(sys.argv[1:]))
    return request if concurrency is None else replace(request, concurrency=concurrency)


def _prices(given: list[str]) -> dict[str, Price]:
    prices = {}
    for text in given:
        try:
            name, value = parse_price(text)
        except ValueError as e:
            raise InputError(f"--price {text!r}: {e}") from None
        prices[name] = value
    return prices


def _execute(request: RunRequest) -> int:
    finished = run_benchmark(request, ConsoleHooks(console))
    if finished.report is None:
        say(console, f"archbench: run failed: {finished.error}")
        return RUN_FAILED
    out.print(summary_table(finished.config.run_dir))
    out.print(f"report: {finished.report.markdown}")
    return 0
