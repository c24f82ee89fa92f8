"""The progress a user watches: a rich live display on a terminal, plain lines in a CI log."""

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from harness.cli.options import say
from harness.cli.progress_log import LogObserver, heartbeat
from harness.images import ImageSet
from harness.results.log import SampleRecord
from harness.run.hooks import RunHooks
from harness.run.runner import RunConfig, RunObserver
from harness.run.sample import SampleJob


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


class ConsoleHooks(RunHooks):
    """The engine's progress on `console`: notices as plain lines, a status line while images
    are checked, and the live display (or log lines) while samples run."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._status: Callable[[str], None] | None = None

    def notice(self, message: str) -> None:
        say(self.console, message)

    def progress(self, message: str) -> None:
        self.console.log(message, markup=False, highlight=False)
        if self._status is not None:
            self._status(message[:100])

    def images(self, build: Callable[[], ImageSet]) -> ImageSet:
        with self.console.status("checking images") as status:
            self._status = lambda text: status.update(text)
            try:
                return build()
            finally:
                self._status = None

    def observe(self, config: RunConfig) -> contextlib.AbstractContextManager[RunObserver]:
        return show_progress(config, self.console)
