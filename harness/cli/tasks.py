"""`archbench tasks list` and `archbench tasks validate`."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from harness.cli.live import ConsoleHooks
from harness.cli.options import (
    Calibrate,
    Judge,
    JudgeSamples,
    ProbeLength,
    TasksDir,
    console,
    out,
    probe_settings,
    say,
)
from harness.run.engine import ValidateRequest, Validation, validate_suite
from harness.tasks.spec import load_tasks

if TYPE_CHECKING:
    from harness.run.validate import TaskValidation

tasks_app = typer.Typer(no_args_is_help=True, help="Inspect the task suite.")


@tasks_app.command("list")
def tasks_list(tasks_dir: TasksDir = Path("tasks")) -> None:
    """List tasks with category, difficulty and tags."""
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
    request = ValidateRequest(
        tasks_dir=tasks_dir,
        patterns=tuple(ids or ()),
        runs=runs,
        concurrency=concurrency,
        out=out_dir,
        probe=probe_settings(probe_length, calibrate),
        all_graders=all_graders,
        first_kill=first_kill,
        impl_dir=impl_dir,
        judge=judge,
        judge_samples=judge_samples,
    )
    validation = validate_suite(request, ConsoleHooks(console))
    print_validation(validation, runs)
    raise typer.Exit(0 if validation.ok else 1)


def print_validation(validation: Validation, runs: int) -> None:
    """The table and the detail lines, on stdout and in validate.txt beside the logs."""
    table = validation_table(validation, runs)
    validation.out_dir.mkdir(parents=True, exist_ok=True)
    record_path = validation.out_dir / "validate.txt"
    with open(record_path, "w") as record:
        saved = Console(file=record, width=200, color_system=None)
        for c in (out, saved):
            c.print(table)
            for line in validate_lines(validation.results):
                say(c, line)
    out.print(f"validation record: {record_path}", markup=False)


def validation_table(validation: Validation, runs: int) -> Table:
    """One row per task: reference, mutants, bits, equivalents, probes, starter, problems."""
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
        caption=f"{len(validation.results)} tasks in {validation.seconds:.0f} s wall time",
    )
    for r in validation.results:
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
    return table


def validate_lines(results: "list[TaskValidation]") -> list[str]:
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
