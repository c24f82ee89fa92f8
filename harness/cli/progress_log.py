"""Run progress for a log that is not a terminal (CI): a line when the run starts, one per
finished sample, one per retry, and a heartbeat when nothing was printed for a while.

The rich live display serves terminals (harness.cli.live); this observer serves the rest.
"""

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from harness.cli.progress_lines import (
    FinishedSample,
    estimate_left,
    finished_line,
    heartbeat_line,
    retry_line,
)
from harness.results.log import SampleRecord
from harness.run.runner import RunObserver
from harness.run.sample import SampleJob

HEARTBEAT_SECONDS = 60.0


class LogObserver(RunObserver):
    """Prints plain lines through `emit`; `tick()` prints a heartbeat once `interval` seconds
    passed without a line. Callbacks come from the run's event loop, ticks from another
    thread: state is guarded by one lock."""

    def __init__(
        self,
        emit: Callable[[str], None],
        *,
        concurrency: int,
        models: int = 1,
        interval: float = HEARTBEAT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._emit = emit
        self._concurrency = concurrency
        self._show_model = models > 1
        self.interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._total = 0
        self._durations: list[float] = []
        self._running: dict[str, tuple[str, float]] = {}
        self._last_line = clock()

    def run_started(self, total: int) -> None:
        with self._lock:
            self._total = total
            self._say(f"running {total} samples, {self._concurrency} at a time")

    def sample_started(self, job: SampleJob) -> None:
        with self._lock:
            self._running[job.key] = (self._name(job), self._clock())

    def sample_phase(self, job: SampleJob, phase: str, info: dict[str, Any]) -> None:
        if phase == "retry":
            with self._lock:
                name = self._name(job)
                self._say(retry_line(name, str(info.get("status")), int(info.get("attempt", 1))))

    def sample_finished(self, job: SampleJob, record: SampleRecord) -> None:
        with self._lock:
            now = self._clock()
            _, started = self._running.pop(job.key, ("", now))
            self._durations.append(now - started)
            sample = FinishedSample(
                task=record.task_id,
                epoch=record.epoch,
                agent=record.agent,
                model=record.model,
                runtime=job.runtime,
                status=record.status,
                score=record.score,
                elapsed=now - started,
                reason=record.reason,
            )
            done = len(self._durations)
            self._say(finished_line(sample, done=done, total=self._total, eta=self._eta(now)))

    def tick(self) -> None:
        """Print a heartbeat if nothing was printed for `interval` seconds."""
        with self._lock:
            now = self._clock()
            if now - self._last_line < self.interval:
                return
            running = [(name, now - started) for name, started in self._running.values()]
            done = len(self._durations)
            self._say(
                heartbeat_line(done=done, total=self._total, running=running, eta=self._eta(now))
            )

    def seconds_to_next(self) -> float:
        """Seconds until a heartbeat is due (0 or less: due now)."""
        with self._lock:
            return self._last_line + self.interval - self._clock()

    def _eta(self, now: float) -> float | None:
        return estimate_left(
            finished=self._durations,
            running=[now - started for _, started in self._running.values()],
            queued=max(self._total - len(self._durations) - len(self._running), 0),
            concurrency=self._concurrency,
        )

    def _name(self, job: SampleJob) -> str:
        labels = [job.runtime, job.agent, job.model if self._show_model else ""]
        return " ".join([f"{job.task.id}#{job.epoch}", *(label for label in labels if label)])

    def _say(self, line: str) -> None:
        self._last_line = self._clock()
        self._emit(line)


@contextlib.contextmanager
def heartbeat(observer: LogObserver) -> Iterator[None]:
    """Inside the block, a thread ticks `observer` whenever its heartbeat is due."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(max(observer.seconds_to_next(), 0.01)):
            observer.tick()

    thread = threading.Thread(target=beat, name="archbench-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
