"""One thing kept ready ahead of time: made in the background, handed out once, discarded when
stale or at close. The grading target keeps a grading shell this way, so that a grading starts
at copying its workspace in instead of at creating a network and two containers.

Knows nothing of Docker: `make` and `discard` are given. `make` gets an event that is set when
the standby closes (a wait for the host lock gives up on it) and may return None for "gave up".
"""

import contextlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

T = TypeVar("T")


class Standby(Generic[T]):
    def __init__(
        self,
        make: Callable[[threading.Event], T | None],
        discard: Callable[[T], None],
        *,
        max_age_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._make, self._discard, self._max_age, self._clock = make, discard, max_age_s, clock
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="archbench-standby")
        self._lock = threading.Lock()
        self._making: Future[tuple[T, float] | None] | None = None
        self._closed = threading.Event()

    def take(self, fits: Callable[[T], bool] = lambda _: True) -> T | None:
        """The spare, if one is made, fresh and `fits`; never waits for one being made."""
        with self._lock:
            making = self._making
            if making is None or not making.done():
                return None
            self._making = None
        made = _result(making)
        if made is None:
            return None
        spare, at = made
        if self._clock() - at > self._max_age or not fits(spare):
            self._discard_quietly(spare)
            return None
        return spare

    def refill(self) -> None:
        """Start making a spare in the background, unless one is ready or being made."""
        with self._lock:
            if self._closed.is_set() or self._making is not None:
                return
            self._making = self._pool.submit(self._make_one)

    def _make_one(self) -> tuple[T, float] | None:
        spare = self._make(self._closed)
        return None if spare is None else (spare, self._clock())

    def close(self, timeout: float = 120.0) -> None:
        """Discard the spare, waiting up to `timeout` s for one being made (its wait for the
        host lock gives up at once). Later refills do nothing."""
        with self._lock:
            self._closed.set()
            making, self._making = self._making, None
        made = None if making is None else _result(making, timeout)
        if made is not None:
            self._discard_quietly(made[0])
        self._pool.shutdown(wait=False)

    def _discard_quietly(self, spare: T) -> None:
        with contextlib.suppress(Exception):  # the run's sweep removes whatever is left
            self._discard(spare)


def _result(
    making: "Future[tuple[T, float] | None]", timeout: float | None = None
) -> tuple[T, float] | None:
    """A finished make's spare and when it was made; None when it failed, gave up or is not
    done within `timeout` (the grading that would have used it makes its own instead)."""
    try:
        return making.result(timeout)
    except Exception:
        return None
