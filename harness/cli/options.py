"""What every command shares: the two consoles, the common options and their checks."""

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

from harness.errors import InputError

if TYPE_CHECKING:
    from graders.base import ProbeSettings

console = Console(stderr=True, soft_wrap=True)
"""Progress, notices and errors (stderr)."""
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
"""What the command produces (stdout): tables, reports, paths."""

CACHE_DIR = Path(os.environ.get("ARCHBENCH_CACHE", ".cache"))

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
        help="Load-probe length: full (a warm-up of 3-10 s that ends once the service "
        "answers steadily, then up to 30 s, stopping once the verdict is clear), short "
        "(2 s + up to 5 s, for CI), or fixed (10 s + all 30 s, the "
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
OutDir = Annotated[Path, typer.Option("--out", help="Results root.")]
RunId = Annotated[str | None, typer.Option(help="Name of the run folder.")]


def probe_settings(length: str, calibrate: bool) -> "ProbeSettings":
    """--probe-length and --calibrate as probe settings; InputError for an unknown length."""
    from graders.performance import PROBE_LENGTHS

    if length not in PROBE_LENGTHS:
        raise InputError(f"--probe-length {length!r}: use one of {', '.join(PROBE_LENGTHS)}")
    return replace(PROBE_LENGTHS[length], calibrate=calibrate)


def new_run_id(prefix: str = "") -> str:
    """A fresh run id: UTC time and 4 random hex digits."""
    return prefix + datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)


def checked_run_id(run_id: str) -> str:
    """The --run-id as given, if it can name a folder; InputError otherwise."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}", run_id):
        raise InputError(f"--run-id {run_id!r}: use letters, digits, '.', '_' or '-' (max 81)")
    return run_id


def say(console_: Console, text: object) -> None:
    """Print plain text (no rich markup or highlighting)."""
    console_.print(text, markup=False, highlight=False)
