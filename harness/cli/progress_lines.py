"""Progress as plain text lines, for output that is not a terminal (a CI log): one line per
finished sample and a heartbeat while nothing finishes, with an estimate of the time left.

Pure: callers pass durations and counts read from their own clock.
"""

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

HEARTBEAT_SHOWN = 6
"""Running samples a heartbeat names (the longest-running first); the rest are counted."""


@dataclass(frozen=True)
class FinishedSample:
    """What a finished sample's line shows."""

    task: str
    epoch: int
    agent: str
    model: str
    status: str
    score: float | None
    elapsed: float
    runtime: str = ""
    """Shown only when the run has several runtimes ('' otherwise)."""
    reason: str = ""


def format_duration(seconds: float) -> str:
    """'0m20s', '1m40s', '1h02m'. Pure."""
    s = max(0, round(seconds))
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    return f"{s // 60}m{s % 60:02d}s"


def format_eta(seconds: float | None) -> str:
    """'ETA ~12 min' (rounded up), 'ETA <1 min', or 'ETA unknown' before any sample finished.
    Pure."""
    if seconds is None:
        return "ETA unknown"
    if seconds < 60:
        return "ETA <1 min"
    minutes = math.ceil(seconds / 60)
    if minutes < 100:
        return f"ETA ~{minutes} min"
    return f"ETA ~{minutes // 60}h{minutes % 60:02d}m"


def estimate_left(
    *, finished: Sequence[float], running: Sequence[float], queued: int, concurrency: int
) -> float | None:
    """Seconds until the last sample ends, assuming every sample takes the mean duration of the
    finished ones: running samples need what is left of that mean, queued ones start as slots
    (`concurrency` at once) free up. None until a sample has finished. Pure."""
    if not finished:
        return None
    mean = sum(finished) / len(finished)
    slots = [max(mean - elapsed, 0.0) for elapsed in running]
    slots += [0.0] * max(concurrency - len(slots), 0)
    if not slots:
        slots = [0.0]
    heapq.heapify(slots)
    for _ in range(queued):
        heapq.heappush(slots, heapq.heappop(slots) + mean)
    return max(slots)


def finished_line(s: FinishedSample, *, done: int, total: int, eta: float | None) -> str:
    """'[3/34] crud-books epoch 1 agent=arch model=oracle graded score=1.00 in 1m40s,
    ETA ~12 min'. Pure."""
    runtime = f" runtime={s.runtime}" if s.runtime else ""
    score = "-" if s.score is None else f"{s.score:.2f}"
    reason = f" ({_short(s.reason)})" if s.reason and s.status != "graded" else ""
    return (
        f"[{done}/{total}] {s.task} epoch {s.epoch} agent={s.agent} model={s.model}{runtime} "
        f"{s.status}{reason} score={score} in {format_duration(s.elapsed)}, {format_eta(eta)}"
    )


def heartbeat_line(
    *, done: int, total: int, running: Sequence[tuple[str, float]], eta: float | None
) -> str:
    """'... 3/34 done, 2 running (crud-books 1m40s, jwt-auth 0m20s), ETA ~12 min': the
    running samples by name and time so far, longest first. Pure."""
    ordered = sorted(running, key=lambda r: -r[1])
    names = [f"{name} {format_duration(secs)}" for name, secs in ordered[:HEARTBEAT_SHOWN]]
    if len(ordered) > HEARTBEAT_SHOWN:
        names.append(f"+{len(ordered) - HEARTBEAT_SHOWN} more")
    listing = f" ({', '.join(names)})" if names else ""
    return f"... {done}/{total} done, {len(running)} running{listing}, {format_eta(eta)}"


def retry_line(name: str, status: str, attempt: int) -> str:
    """'crud-books epoch 1: sandbox_error on attempt 1, retrying'. Pure."""
    return f"{name}: {status} on attempt {attempt}, retrying"


def _short(text: str, limit: int = 100) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 3] + "..."
