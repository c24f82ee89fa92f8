"""The `archbench` command line: a thin typer layer over the harness.

Exit codes: 0 the command did its job (a run completed, whatever the scores); 1 the run itself
failed; 2 bad input (flags, files, missing Docker or API key).
"""

import os
import re
import secrets
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from harness.errors import ArchbenchError, InputError

if TYPE_CHECKING:
    from graders.base import ProbeSettings
    from harness.compare import RunSide

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Benchmark backend-architect coding agents in Docker sandboxes.",
)
tasks_app = typer.Typer(no_args_is_help=True, help="Inspect the task suite.")
images_app = typer.Typer(no_args_is_help=True, help="Build the sandbox images.")
app.add_typer(tasks_app, name="tasks")
app.add_typer(images_app, name="images")
console = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)

ROOT = Path.cwd()
TasksDir = Annotated[Path, typer.Option(help="Folder holding one folder per task.")]
Judge = Annotated[
    str,
    typer.Option(
        help="What answers design tasks' rubrics: scripted (offline pattern matching, plumbing "
        "only) | anthropic/<model-id> | openai/<model-id>."
    ),
]
JudgeSamples = Annotated[
    int, typer.Option(min=1, help="Judge samples per rubric criterion (strict majority).")
]
ProbeLength = Annotated[
    str,
    typer.Option(
        help="Load-probe length: full (10 s warm-up, then up to 30 s, stopping once the "
        "verdict is clear), short (2 s + up to 5 s, for CI), or fixed (10 s + all 30 s, the "
        "probe before sequential stopping)."
    ),
]
Calibrate = Annotated[
    bool,
    typer.Option(
        "--calibrate",
        help="Re-measure each task's reference under load in this run and derive the SLO from it.",
    ),
]


def _probe_settings(length: str, calibrate: bool) -> "ProbeSettings":
    from dataclasses import replace

    from graders.performance import PROBE_LENGTHS

    if length not in PROBE_LENGTHS:
        raise InputError(f"--probe-length {length!r}: use one of {', '.join(PROBE_LENGTHS)}")
    return replace(PROBE_LENGTHS[length], calibrate=calibrate)


CACHE_DIR = Path(os.environ.get("ARCHBENCH_CACHE", ".cache"))


def _run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)


def choose_models(models: list[str], env: dict[str, str]) -> tuple[list[str], str]:
    """The models to run and why: explicit flags win; else anthropic with a key, else oracle."""
    from harness.models.factory import DEFAULT_ANTHROPIC_MODEL

    if models:
        return models, "chosen with --model"
    if env.get("ANTHROPIC_API_KEY"):
        return [f"anthropic/{DEFAULT_ANTHROPIC_MODEL}"], "ANTHROPIC_API_KEY is set"
    return ["oracle"], "ANTHROPIC_API_KEY is not set, so the offline oracle model runs"


@app.command()
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
    out_dir: Annotated[Path, typer.Option("--out", help="Results root.")] = Path("results"),
    run_id: Annotated[str | None, typer.Option(help="Name of the run folder.")] = None,
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
    from harness.merge import parse_shard
    from harness.prices import parse_price
    from harness.run_command import (
        RunRequest,
        parse_runtimes,
        resume_request,
        run_benchmark,
    )

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
        extra = [flag for flag, on in given.items() if on]
        if extra:
            raise InputError(
                f"--resume {resume}: the settings come from its run.json; drop {', '.join(extra)}"
            )
        request = resume_request(resume, CACHE_DIR, tuple(sys.argv[1:]))
        if concurrency is not None:
            request = replace(request, concurrency=concurrency)
        raise typer.Exit(run_benchmark(request, console, out))

    probe = _probe_settings(probe_length, calibrate)
    prices = {}
    for text in price or []:
        try:
            name, value = parse_price(text)
        except ValueError as e:
            raise InputError(f"--price {text!r}: {e}") from None
        prices[name] = value

    models, reason = choose_models(model or [], dict(os.environ))
    rid = run_id or _run_id()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}", rid):
        raise InputError(f"--run-id {rid!r}: use letters, digits, '.', '_' or '-' (max 81)")
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
        probe=probe,
        max_cost=max_cost,
        prices=prices,
        shard=parse_shard(shard) if shard else None,
        runtimes=parse_runtimes(runtime or []),
        judge=judge,
        judge_samples=judge_samples,
    )
    console.print(f"model: {', '.join(models)} ({reason})")
    code = run_benchmark(request, console, out)
    raise typer.Exit(code)


@app.command()
def report(run_dir: Annotated[Path, typer.Argument(help="A results/<run-id> folder.")]) -> None:
    """Rebuild report.md and samples.csv from a results folder (no Docker needed)."""
    from harness.report import write_report

    paths = write_report(run_dir)
    out.print(paths.markdown.read_text(), markup=False, highlight=False)
    console.print(f"report: {paths.markdown}\nsamples: {paths.csv}")


@app.command()
def grade(
    task: Annotated[str, typer.Argument(help="The task id to grade against.")],
    path: Annotated[Path, typer.Argument(help="The workspace: a folder, .tar or .tar.gz.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Results root.")] = Path("results"),
    run_id: Annotated[str | None, typer.Option(help="Name of the run folder.")] = None,
    tasks_dir: TasksDir = Path("tasks"),
    probe_length: ProbeLength = "full",
    judge: Judge = "scripted",
    judge_samples: JudgeSamples = 3,
) -> None:
    """Grade a workspace made outside archbench against TASK; writes a run folder and report."""
    from harness.grade_command import GradeRequest, grade_workspace

    rid = run_id or f"grade-{_run_id()}"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}", rid):
        raise InputError(f"--run-id {rid!r}: use letters, digits, '.', '_' or '-' (max 81)")
    request = GradeRequest(
        task_id=task,
        path=path,
        tasks_dir=tasks_dir,
        run_dir=out_dir / rid,
        run_id=rid,
        probe=_probe_settings(probe_length, calibrate=False),
        cli_args=tuple(sys.argv[1:]),
        judge=judge,
        judge_samples=judge_samples,
    )
    raise typer.Exit(grade_workspace(request, console, out))


@app.command()
def compare(
    base: Annotated[Path, typer.Argument(help="Baseline results/<run-id> folder.")],
    candidate: Annotated[Path, typer.Argument(help="Candidate results/<run-id> folder.")],
    delta: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Smallest drop that matters (0.05 = 5 pts).")
    ] = 0.05,
    alpha: Annotated[
        float, typer.Option(min=0.0001, max=0.5, help="One-sided significance level.")
    ] = 0.05,
    metric: Annotated[str, typer.Option(help="score | resolved")] = "score",
    base_model: Annotated[str | None, typer.Option(help="Model to take from BASE.")] = None,
    cand_model: Annotated[str | None, typer.Option(help="Model to take from CANDIDATE.")] = None,
    base_agent: Annotated[
        str | None, typer.Option(help="Agent label to take from BASE (matrix runs).")
    ] = None,
    cand_agent: Annotated[
        str | None, typer.Option(help="Agent label to take from CANDIDATE (matrix runs).")
    ] = None,
    base_runtime: Annotated[
        str | None, typer.Option(help="Runtime to take from BASE (claude-code | builtin).")
    ] = None,
    cand_runtime: Annotated[
        str | None, typer.Option(help="Runtime to take from CANDIDATE (claude-code | builtin).")
    ] = None,
    allow_unlike: Annotated[
        bool,
        typer.Option(
            "--allow-unlike",
            help="Compare even when task content, probe settings, harness version or images "
            "differ; affected rows are marked.",
        ),
    ] = False,
) -> None:
    """Paired comparison of two runs by task: PASS (exit 0), REGRESSION (1), INCONCLUSIVE (3)."""
    from harness.compare import EXIT_CODES, compare_runs, load_side
    from harness.compare_text import render

    if metric not in ("score", "resolved"):
        raise InputError(f"--metric {metric!r}: use score or resolved")
    b = load_side(base, base_model, "base", base_agent, base_runtime)
    c = load_side(candidate, cand_model, "cand", cand_agent, cand_runtime)
    result = compare_runs(
        b,
        c,
        metric=metric,  # type: ignore[arg-type]
        delta_margin=delta,
        alpha=alpha,
        allow_unlike=allow_unlike,
    )
    out.print(render(result, b, c), markup=False, highlight=False, end="")
    picked = (base_model, cand_model, base_agent, cand_agent, base_runtime, cand_runtime)
    _print_side_by_side(b, c, base, candidate, picked)
    raise typer.Exit(EXIT_CODES[result.verdict])


def _print_side_by_side(
    b: "RunSide", c: "RunSide", base: Path, cand: Path, picked: tuple[str | None, ...]
) -> None:
    """Write the side-by-side view of the two sides and print its path (a failure to write it
    is reported, never a reason for compare's verdict to change)."""
    from harness.view.site import Picks, SidePair, build_compare

    try:
        path = build_compare(SidePair(b, c, base, cand, Picks(*picked))).index
    except (ArchbenchError, OSError) as e:
        console.print(f"side-by-side view not written: {e}", markup=False, highlight=False)
        return
    out.print(f"side by side: {path}", markup=False, highlight=False)


@app.command()
def view(
    run_dirs: Annotated[
        list[Path], typer.Argument(help="results/<run-id> folders; two: BASE CAND side by side.")
    ],
    base_model: Annotated[str | None, typer.Option(help="Model to take from BASE.")] = None,
    cand_model: Annotated[str | None, typer.Option(help="Model to take from CAND.")] = None,
    base_agent: Annotated[str | None, typer.Option(help="Agent label to take from BASE.")] = None,
    cand_agent: Annotated[str | None, typer.Option(help="Agent label to take from CAND.")] = None,
    base_runtime: Annotated[str | None, typer.Option(help="Runtime to take from BASE.")] = None,
    cand_runtime: Annotated[str | None, typer.Option(help="Runtime to take from CAND.")] = None,
    tasks_dir: Annotated[
        Path | None, typer.Option(help="Task folders, for diffs against the starter.")
    ] = None,
    open_: Annotated[bool, typer.Option("--open", help="Open the result in a browser.")] = False,
) -> None:
    """Write a static viewer into each run folder (view/index.html: every sample's
    conversation, workspace diff and checks); with BASE CAND, or --base-*/--cand-* on one
    run, also a side-by-side view."""
    import webbrowser

    from harness.view import Picks, build_compare, build_view, load_pair

    picks = Picks(base_model, cand_model, base_agent, cand_agent, base_runtime, cand_runtime)
    pair = None
    if len(run_dirs) == 2 or (len(run_dirs) == 1 and picks != Picks()):
        pair = load_pair(run_dirs[0], run_dirs[-1], picks)
    elif picks != Picks():
        raise InputError("--base-*/--cand-* pick configurations of one run or of BASE CAND")
    shown = [build_view(d, tasks_dir).index for d in dict.fromkeys(run_dirs)]
    if pair is not None:
        shown.append(build_compare(pair).index)
    for path in shown:
        out.print(path, markup=False, highlight=False)
    if open_:
        webbrowser.open(shown[-1].resolve().as_uri())


@app.command()
def merge(
    shard_dirs: Annotated[list[Path], typer.Argument(help="The shard folders of one run.")],
    out_dir: Annotated[Path, typer.Option("--out", help="The merged run folder to write.")],
) -> None:
    """Combine the shards of a distributed run (`run --shard I/N`) into one results folder."""
    from harness.merge import merge_runs
    from harness.report import write_report

    merged = merge_runs(shard_dirs, out_dir)
    paths = write_report(out_dir)
    console.print(
        f"merged {len(merged.merged_from)} shards into {out_dir} ({merged.status}); "
        f"report: {paths.markdown}"
    )


@app.command()
def history(
    run_dirs: Annotated[list[Path], typer.Argument(help="results/<run-id> folders, any order.")],
    out_file: Annotated[Path | None, typer.Option("--out", help="Also write it here.")] = None,
) -> None:
    """Score trend per configuration over runs, and tasks whose outcome flips between runs."""
    from harness.history import load_history, render_history

    text = render_history(load_history(run_dirs))
    if out_file is not None:
        out_file.write_text(text)
    out.print(text, markup=False, highlight=False, end="")


@app.command()
def power(
    tasks_dir: TasksDir = Path("tasks"),
    tasks: Annotated[list[str] | None, typer.Option(help="Task id or glob; repeatable.")] = None,
    from_run: Annotated[
        Path | None,
        typer.Option("--from", help="A run with --epochs >= 2: use its measured variances."),
    ] = None,
    alpha: Annotated[float, typer.Option(min=0.0001, max=0.5)] = 0.05,
    power_: Annotated[float, typer.Option("--power", min=0.5, max=0.99)] = 0.80,
) -> None:
    """The smallest drop `compare` can detect for this suite, per epochs K (plan K before runs)."""
    from harness.power import mde_table, render_table, within_task_variances
    from harness.results import SCORED_STATUSES, read_run, read_samples
    from harness.tasks import load_tasks, select_tasks

    n = len(select_tasks(load_tasks(tasks_dir), list(tasks or [])))
    measured = None
    if from_run is not None:
        read_run(from_run)  # a results folder, or a one-line error
        scores: dict[tuple[str, str], list[float]] = {}
        for s in read_samples(from_run):
            if s.status in SCORED_STATUSES and s.score is not None:
                scores.setdefault((s.task_id, f"{s.agent}/{s.model}"), []).append(s.score)
        measured = within_task_variances(scores)
        if not measured:
            raise InputError(
                f"{from_run}: no task has 2 or more scored epochs; run it with --epochs 3 or more"
            )
    rows = mde_table(n, measured=measured, alpha=alpha, power=power_)
    out.print(render_table(rows, alpha, power_), markup=False, highlight=False, end="")


@tasks_app.command("list")
def tasks_list(tasks_dir: TasksDir = Path("tasks")) -> None:
    """List tasks with category, difficulty and tags."""
    from rich.table import Table

    from harness.tasks import load_tasks

    table = Table("id", "category", "difficulty", "kind", "tags", "title")
    for t in load_tasks(tasks_dir):
        s = t.spec
        table.add_row(s.id, s.category, str(s.difficulty), s.kind, ", ".join(s.tags), s.title)
    out.print(table)


@tasks_app.command("validate")
def tasks_validate(
    ids: Annotated[
        list[str] | None, typer.Argument(help="Task ids or globs (default: all).")
    ] = None,
    runs: Annotated[int, typer.Option(min=1, help="Reference gradings per task.")] = 5,
    concurrency: Annotated[int, typer.Option(min=1, help="Gradings at once.")] = 2,
    tasks_dir: TasksDir = Path("tasks"),
    out_dir: Annotated[Path, typer.Option("--out", help="Where grader logs go.")] = Path(
        "results/validate"
    ),
    probe_length: ProbeLength = "full",
    calibrate: Calibrate = False,
    all_graders: Annotated[
        bool,
        typer.Option("--all-graders", help="Also run quality and load on mutants and the starter."),
    ] = False,
    first_kill: Annotated[
        bool,
        typer.Option(
            "--first-kill",
            help="Stop each mutant's hidden tests at the first failing check (quick form: "
            "names one killer per mutant, not all).",
        ),
    ] = False,
    impl_dir: Annotated[
        Path | None,
        typer.Option(
            "--impl",
            help="Also grade DIR/<task>/ (implementations written from the prompt alone) and "
            "print each check they fail.",
        ),
    ] = None,
    judge: Judge = "scripted",
    judge_samples: JudgeSamples = 3,
) -> None:
    """Grade each task's reference (N times), mutants, equivalents and starter; exit 1 on any
    problem."""
    from harness.run_command import validate_command

    probe = _probe_settings(probe_length, calibrate)

    raise typer.Exit(
        validate_command(
            tasks_dir,
            list(ids or []),
            runs=runs,
            concurrency=concurrency,
            out=out_dir,
            console=console,
            out_console=out,
            probe=probe,
            all_graders=all_graders,
            first_kill=first_kill,
            impl_dir=impl_dir,
            judge=judge,
            judge_samples=judge_samples,
        )
    )


@images_app.command("build")
def images_build() -> None:
    """Build base, runtime and prober images if missing (tagged by recipe hash)."""
    from harness.run_command import build_images

    images = build_images(console)
    for tag, image_id in images.ids.items():
        out.print(f"{tag}  {image_id[:19]}  {'built' if tag in images.built else 'cached'}")


@app.command()
def clean(
    run_id: Annotated[str | None, typer.Option(help="Only this run's objects.")] = None,
    images: Annotated[bool, typer.Option("--images", help="Also remove images.")] = False,
) -> None:
    """Remove every container, network and volume labelled archbench (and images if asked)."""
    from harness.docker_env import connect, sweep

    client = connect()
    swept = sweep(client, run_id)
    removed = 0
    if images:
        for image in client.images.list(filters={"label": "archbench=1"}):
            client.images.remove(image.id, force=True)
            removed += 1
    out.print(
        f"removed {swept.containers} containers, {swept.networks} networks, "
        f"{swept.volumes} volumes, {removed} images"
    )


INTERRUPTED = 130
INTERRUPTED_MESSAGE = "archbench: interrupted; the Docker objects of this run were removed"


def main(argv: list[str] | None = None) -> None:
    """Entry point: ArchbenchError -> one line on stderr and its exit code, no traceback."""
    try:
        code = app(args=argv, standalone_mode=False)
    except ArchbenchError as e:
        console.print(f"archbench: error: {e}", markup=False, highlight=False)
        sys.exit(e.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        console.print(INTERRUPTED_MESSAGE)
        sys.exit(INTERRUPTED)
    except typer.exceptions.TyperException as e:  # usage errors: bad flags or values
        show = getattr(e, "show", None)
        if callable(show):
            show()
        sys.exit(int(getattr(e, "exit_code", 2)))
    if code == INTERRUPTED:  # typer turns KeyboardInterrupt (Ctrl-C, SIGTERM) into Exit(130)
        console.print(INTERRUPTED_MESSAGE)
    sys.exit(code if isinstance(code, int) else 0)
