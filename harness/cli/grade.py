"""`archbench grade TASK PATH`: grade a workspace made outside archbench, print one line."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from harness.cli.live import ConsoleHooks
from harness.cli.options import (
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
from harness.results.log import SampleRecord
from harness.run.grade import Graded, GradeRequest, grade_workspace
from harness.tasks.spec import KNOWN_DIMENSIONS


def grade(
    task: Annotated[str, typer.Argument(help="The task id to grade against.")],
    path: Annotated[Path, typer.Argument(help="The workspace: a folder, .tar or .tar.gz.")],
    out_dir: OutDir = Path("results"),
    run_id: RunId = None,
    tasks_dir: TasksDir = Path("tasks"),
    probe_length: ProbeLength = "full",
    judge: Judge = "scripted",
    judge_samples: JudgeSamples = 3,
) -> None:
    """Grade a workspace made outside archbench against TASK; writes a run folder and report."""
    rid = checked_run_id(run_id or new_run_id("grade-"))
    request = GradeRequest(
        task_id=task,
        path=path,
        tasks_dir=tasks_dir,
        run_dir=out_dir / rid,
        run_id=rid,
        probe=probe_settings(probe_length, calibrate=False),
        cli_args=tuple(sys.argv[1:]),
        judge=judge,
        judge_samples=judge_samples,
    )
    done = grade_workspace(request, ConsoleHooks(console))
    say(out, summary_line(done.record))
    if failed := failed_checks_line(done.graded):
        say(out, failed)
    say(out, f"report: {done.report.markdown}")
    raise typer.Exit(1 if done.record.status == "grader_error" else 0)


def summary_line(record: SampleRecord) -> str:
    """One line: the task, how the sample ended, its score and bits. Pure."""
    if record.score is None:
        return f"{record.task_id}: {record.status} ({record.reason})"
    values = {d: getattr(record, d) for d in KNOWN_DIMENSIONS}
    dims = ", ".join(f"{d} {v:.2f}" for d, v in values.items() if v is not None)
    yes = {True: "yes", False: "no", None: "-"}
    secure = False if record.resolved is False else record.secure_resolved
    return (
        f"{record.task_id}: {record.status}, score {record.score:.3f}, "
        f"resolved {yes[record.resolved]}, secure_resolved {yes[secure]}, "
        f"checks {record.checks_passed}/{record.checks_total}" + (f" ({dims})" if dims else "")
    )


def failed_checks_line(graded: Graded, most: int = 8) -> str:
    """The checks that failed (hidden tests and probes), for the one-line summary. Pure."""
    if graded.outcome is None:
        return ""
    failed = [
        c.name for r in graded.outcome.results for c in r.checks if c.outcome in ("failed", "error")
    ]
    if not failed:
        return ""
    more = f" and {len(failed) - most} more" if len(failed) > most else ""
    return f"failed: {', '.join(failed[:most])}{more}"
