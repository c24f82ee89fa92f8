"""The host's load-probe cores and quiet, shared by every archbench process on the host.

Work that loads the machine (a grading, an agent's tool call) holds `shared()`: it registers as
busy. A load probe holds `exclusive()`, in three steps:

1. cores: a free slot of harness.sandbox.cores (an app core and a generator core, one lock file per
   core), waiting only for other probes (each bounded by its own time limits); on 2 cores one
   probe runs at a time, on 8 three;
2. gate: from then on no new shared holder starts until the probe ends (as before: a probe
   keeps the machine as quiet as it can);
3. quiet: it waits for the busy holders already running to finish, at most QUIET_BOUND_S
   (30 s). When they have not, it runs all the same and says so: the `ProbeLease` it yields
   has `contended=True`. A slow or hanging grading (of this run or another) thus holds a
   probe back for at most the bound, never for as long as it runs.

Every lock is an flock on a file in ARCHBENCH_LOCK_DIR (default: the temp dir), so a killed
process frees what it held. Acquisition polls without blocking, so Ctrl-C is never stuck.
"""

import asyncio
import contextlib
import fcntl
import os
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from harness.sandbox.cores import CoresError, Slot, free_slot, host_cores, probe_slots

POLL_S = 0.05
QUIET_BOUND_S = 30.0
"""The longest a probe waits for running gradings to finish before it measures anyway."""
HOST = "archbench-host"


@dataclass(frozen=True)
class ProbeLease:
    """What a probe got from `exclusive()`: its cores and how long it waited for what."""

    cores: Slot
    cores_wait_s: float
    """Waiting for other probes to free a slot."""
    quiet_wait_s: float
    """Waiting for running gradings to finish: at most the bound."""
    contended: bool
    """Gradings were still running when the bound ran out: the machine was not quiet."""

    @property
    def waited_s(self) -> float:
        return self.cores_wait_s + self.quiet_wait_s

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "waited_s": self.waited_s}


def lock_dir() -> Path:
    return Path(os.environ.get("ARCHBENCH_LOCK_DIR") or tempfile.gettempdir())


def _open(name: str) -> IO[bytes]:
    return open(lock_dir() / name, "a+b")


def _try(f: IO[bytes], mode: int) -> bool:
    try:
        fcntl.flock(f.fileno(), mode | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _free_now(f: IO[bytes]) -> bool:
    """Nobody holds `f`: taken exclusively and let go at once."""
    if not _try(f, fcntl.LOCK_EX):
        return False
    fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    return True


async def _poll(attempt: Callable[[], bool], deadline: float = float("inf")) -> bool:
    """Call `attempt` until it succeeds (True) or `deadline` (time.monotonic) passes (False)."""
    while not attempt():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(POLL_S)
    return True


def _poll_until(attempt: Callable[[], bool], stop: threading.Event) -> bool:
    while not attempt():
        if stop.wait(POLL_S):
            return False
    return True


class _Holder:
    """A shared holder's two files: it starts only while no probe holds the gate, and takes
    the busy lock before letting go of the gate, so a probe that then takes the gate sees it."""

    def __init__(self, stack: contextlib.ExitStack, name: str) -> None:
        self.gate = stack.enter_context(_open(f"{name}.gate"))
        self.busy = stack.enter_context(_open(f"{name}.lock"))

    def try_enter(self) -> bool:
        if not _try(self.gate, fcntl.LOCK_EX):
            return False
        try:
            return _try(self.busy, fcntl.LOCK_SH)
        finally:
            fcntl.flock(self.gate.fileno(), fcntl.LOCK_UN)


@contextlib.asynccontextmanager
async def shared(name: str = HOST) -> AsyncIterator[None]:
    """Busy while inside: a probe starting meanwhile waits for this (at most its bound)."""
    with contextlib.ExitStack() as stack:
        await _poll(_Holder(stack, name).try_enter)
        yield


@contextlib.contextmanager
def shared_in_thread(stop: threading.Event, name: str = HOST) -> Iterator[bool]:
    """`shared` for a worker thread: yields True with the lock held, or False (not held) as
    soon as `stop` is set while it waits."""
    with contextlib.ExitStack() as stack:
        yield _poll_until(_Holder(stack, name).try_enter, stop)


class _Cores:
    """The per-core lock files of one probe's attempt to take a slot."""

    def __init__(self, stack: contextlib.ExitStack, cores: Sequence[int]) -> None:
        self.slots = probe_slots(cores)
        if not self.slots:
            raise CoresError("no cores to run a load probe on: set ARCHBENCH_CORES, e.g. 0-1")
        used = sorted({c for s in self.slots for c in s.cores})
        self.files = {c: stack.enter_context(_open(f"archbench-core-{c}.lock")) for c in used}
        self.taken: Slot | None = None

    def try_take(self) -> bool:
        busy = [c for c, f in self.files.items() if not _free_now(f)]
        slot = free_slot(self.slots, busy)
        if slot is None:
            return False
        got = [c for c in slot.cores if _try(self.files[c], fcntl.LOCK_EX)]
        if len(got) < len(slot.cores):  # another probe came first
            for c in got:
                fcntl.flock(self.files[c].fileno(), fcntl.LOCK_UN)
            return False
        self.taken = slot
        return True


@contextlib.asynccontextmanager
async def exclusive(
    name: str = HOST, *, quiet_bound_s: float = QUIET_BOUND_S, cores: Sequence[int] | None = None
) -> AsyncIterator[ProbeLease]:
    """A probe's cores (of `cores`, default the host's) and as quiet a machine as the bound
    allows; see the module docstring."""
    start = time.monotonic()
    with contextlib.ExitStack() as stack:
        mine = _Cores(stack, host_cores() if cores is None else cores)
        await _poll(mine.try_take)
        assert mine.taken is not None
        got_cores = time.monotonic()
        gate = stack.enter_context(_open(f"{name}.gate"))
        await _poll(lambda: _try(gate, fcntl.LOCK_SH))  # shared holders take it for a moment
        busy = stack.enter_context(_open(f"{name}.lock"))
        quiet = await _poll(lambda: _free_now(busy), got_cores + quiet_bound_s)
        yield ProbeLease(
            cores=mine.taken,
            cores_wait_s=got_cores - start,
            quiet_wait_s=time.monotonic() - got_cores,
            contended=not quiet,
        )
