"""Commands that read results folders only (no Docker): report, compare, view, merge,
history, power."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from harness.cli.options import TasksDir, console, out, say
from harness.errors import ArchbenchError, InputError

if TYPE_CHECKING:
    from harness.reports.compare import RunSide


def report(run_dir: Annotated[Path, typer.Argument(help="A results/<run-id> folder.")]) -> None:
    """Rebuild report.md and samples.csv from a results folder (no Docker needed)."""
    from harness.reports.report import write_report

    paths = write_report(run_dir)
    say(out, paths.markdown.read_text())
    console.print(f"report: {paths.markdown}\nsamples: {paths.csv}")


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
    from harness.reports.compare import EXIT_CODES, compare_runs, load_side
    from harness.reports.compare_text import render

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
    from harness.reports.view.site import Picks, SidePair, build_compare

    try:
        path = build_compare(SidePair(b, c, base, cand, Picks(*picked))).index
    except (ArchbenchError, OSError) as e:
        say(console, f"side-by-side view not written: {e}")
        return
    say(out, f"side by side: {path}")


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

    from harness.reports.view import Picks, build_compare, build_view, load_pair

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
        say(out, path)
    if open_:
        webbrowser.open(shown[-1].resolve().as_uri())


def merge(
    shard_dirs: Annotated[list[Path], typer.Argument(help="The shard folders of one run.")],
    out_dir: Annotated[Path, typer.Option("--out", help="The merged run folder to write.")],
) -> None:
    """Combine the shards of a distributed run (`run --shard I/N`) into one results folder."""
    from harness.reports.report import write_report
    from harness.results.merge import merge_runs

    merged = merge_runs(shard_dirs, out_dir)
    paths = write_report(out_dir)
    console.print(
        f"merged {len(merged.merged_from)} shards into {out_dir} ({merged.status}); "
        f"report: {paths.markdown}"
    )


def history(
    run_dirs: Annotated[list[Path], typer.Argument(help="results/<run-id> folders, any order.")],
    out_file: Annotated[Path | None, typer.Option("--out", help="Also write it here.")] = None,
) -> None:
    """Score trend per configuration over runs, and tasks whose outcome flips between runs."""
    from harness.reports.history import load_history, render_history

    text = render_history(load_history(run_dirs))
    if out_file is not None:
        out_file.write_text(text)
    out.print(text, markup=False, highlight=False, end="")


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
    from harness.reports.power import mde_table, render_table, run_variances
    from harness.tasks.spec import load_tasks, select_tasks

    n = len(select_tasks(load_tasks(tasks_dir), list(tasks or [])))
    measured = run_variances(from_run) if from_run is not None else None
    rows = mde_table(n, measured=measured, alpha=alpha, power=power_)
    out.print(render_table(rows, alpha, power_), markup=False, highlight=False, end="")
