"""A readers-writer lock over the whole host, shared by every archbench process on it.

Gradings hold it shared; a load probe holds it exclusively, so its numbers describe the service
and not a neighbouring grading (of this run, or of another archbench process). Built on flock:
a gate file that a waiting writer holds keeps new readers out, so probes are not starved.
Acquisition polls without blocking, so Ctrl-C is never stuck behind a lock.
"""

import asyncio
import contextlib
import fcntl
import os
import tempfile
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import IO

POLL_S = 0.05


def lock_dir() -> Path:
    return Path(os.environ.get("ARCHBENCH_LOCK_DIR") or tempfile.gettempdir())


async def _acquire(f: IO[bytes], mode: int) -> None:
    while True:
        try:
            fcntl.flock(f.fileno(), mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            await asyncio.sleep(POLL_S)


def _acquire_until(f: IO[bytes], mode: int, stop: threading.Event) -> bool:
    while True:
        try:
            fcntl.flock(f.fileno(), mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if stop.wait(POLL_S):
                return False


def _open(name: str) -> IO[bytes]:
    path = lock_dir() / name
    return open(path, "a+b")


@contextlib.asynccontextmanager
async def shared(name: str = "archbench-host") -> AsyncIterator[None]:
    with contextlib.ExitStack() as stack:
        gate = stack.enter_context(_open(f"{name}.gate"))
        await _acquire(gate, fcntl.LOCK_SH)  # waits while a writer is queued
        fcntl.flock(gate.fileno(), fcntl.LOCK_UN)
        main = stack.enter_context(_open(f"{name}.lock"))
        await _acquire(main, fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(main.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def shared_in_thread(stop: threading.Event, name: str = "archbench-host") -> Iterator[bool]:
    """`shared` for a worker thread: yields True with the lock held, or False (not held) as
    soon as `stop` is set while it waits."""
    with contextlib.ExitStack() as stack:
        gate = stack.enter_context(_open(f"{name}.gate"))
        if not _acquire_until(gate, fcntl.LOCK_SH, stop):
            yield False
            return
        fcntl.flock(gate.fileno(), fcntl.LOCK_UN)
        main = stack.enter_context(_open(f"{name}.lock"))
        if not _acquire_until(main, fcntl.LOCK_SH, stop):
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(main.fileno(), fcntl.LOCK_UN)


@contextlib.asynccontextmanager
async def exclusive(name: str = "archbench-host") -> AsyncIterator[None]:
    with contextlib.ExitStack() as stack:
        gate = stack.enter_context(_open(f"{name}.gate"))
        await _acquire(gate, fcntl.LOCK_EX)
        try:
            main = stack.enter_context(_open(f"{name}.lock"))
            await _acquire(main, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(main.fileno(), fcntl.LOCK_UN)
        finally:
            fcntl.flock(gate.fileno(), fcntl.LOCK_UN)
