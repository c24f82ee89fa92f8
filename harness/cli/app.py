"""The `archbench` command line: a thin typer layer over the harness.

Each command parses its flags, calls one function of the engine (harness.run) or of the
reports (harness.reports), and prints. Exit codes: 0 the command did its job (a run completed,
whatever the scores); 1 the run itself failed; 2 bad input (flags, files, missing Docker or API
key); compare adds 3 (inconclusive); 130 interrupted.
"""

import sys

import typer

from harness.cli import grade, maintenance, results, run, tasks
from harness.cli.options import console, say
from harness.errors import ArchbenchError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Benchmark backend-architect coding agents in Docker sandboxes.",
)
for command in (
    run.run,
    results.report,
    grade.grade,
    results.compare,
    results.view,
    results.merge,
    results.history,
    results.power,
    maintenance.clean,
):
    app.command()(command)
app.add_typer(tasks.tasks_app, name="tasks")
app.add_typer(maintenance.images_app, name="images")

INTERRUPTED = 130
INTERRUPTED_MESSAGE = "archbench: interrupted; the Docker objects of this run were removed"


def main(argv: list[str] | None = None) -> None:
    """Entry point: ArchbenchError -> one line on stderr and its exit code, no traceback."""
    try:
        code = app(args=argv, standalone_mode=False)
    except ArchbenchError as e:
        say(console, f"archbench: error: {e}")
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
