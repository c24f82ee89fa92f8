"""Connecting to Docker, labelling what archbench creates, and sweeping it away."""

import contextlib
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import docker
from docker.errors import APIError, DockerException, NotFound

from harness.errors import DockerUnavailableError

LABEL = "archbench"
RUN_LABEL = "archbench.run"


def labels(run_id: str | None = None, **extra: str) -> dict[str, str]:
    """The labels every Docker object archbench creates carries."""
    out = {LABEL: "1", **{f"archbench.{k}": v for k, v in extra.items()}}
    if run_id:
        out[RUN_LABEL] = run_id
    return out


def connect() -> Any:
    """A docker client for DOCKER_HOST (or the local socket); one-line error if unreachable."""
    where = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    try:
        client = docker.from_env(timeout=300)
        client.ping()
    except DockerException as e:
        reason = str(e).splitlines()[0][:160]
        raise DockerUnavailableError(
            f"Docker is not reachable at {where} ({reason}); start the engine "
            "(e.g. `sudo systemctl start docker`) or set DOCKER_HOST to a running engine"
        ) from None
    return client


@dataclass(frozen=True)
class SweepResult:
    containers: int
    networks: int
    volumes: int


def sweep(client: Any, run_id: str | None = None, *, settle_s: float = 30.0) -> SweepResult:
    """Remove containers, then networks and volumes, labelled archbench (of one run, or all).

    A container another process is already removing (409) is waited for, so that the networks
    and volumes it holds can go too; nothing that is already gone is an error.
    """
    filt = {"label": [f"{RUN_LABEL}={run_id}"] if run_id else [f"{LABEL}=1"]}
    n_c = sum(
        _remove(c, force=True, v=True)
        for c in client.containers.list(all=True, filters=filt, ignore_removed=True)
    )
    deadline = time.monotonic() + settle_s
    while (
        client.containers.list(all=True, filters=filt, ignore_removed=True)
        and time.monotonic() < deadline
    ):
        time.sleep(0.2)
    n_n = sum(_remove(n) for n in client.networks.list(filters=filt))
    n_v = sum(_remove(v, force=True) for v in client.volumes.list(filters=filt))
    return SweepResult(n_c, n_n, n_v)


def _remove(obj: Any, **kwargs: Any) -> bool:
    """Remove one Docker object; False when it was already gone or is being removed elsewhere."""
    try:
        obj.remove(**kwargs)
    except NotFound:
        return False
    except APIError as e:
        if e.status_code == 409:  # "removal already in progress"
            return False
        raise
    return True


class Reaper:
    """Tears down finished environments in the background, so that removing one grading's
    containers (a quarter of a second each) does not hold up the next sample; `drain()` waits
    for every teardown handed over so far. A run drains before its sweep."""

    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="archbench-reaper")
        self._pending: set[Future[None]] = set()
        self._lock = threading.Lock()

    def submit(self, teardown: Callable[[], None]) -> None:
        future = self._pool.submit(teardown)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: "Future[None]") -> None:
        with self._lock:
            self._pending.discard(future)

    def drain(self, timeout: float = 120.0) -> None:
        """Wait up to `timeout` s for every teardown submitted so far. Their errors, a teardown
        still running after that, and a Ctrl-C during the wait are left to the sweep that
        follows every drain: cleanup goes on whatever happens here."""
        with self._lock:
            pending = set(self._pending)
        with contextlib.suppress(KeyboardInterrupt):
            wait(pending, timeout)


def remove_images(client: Any) -> int:
    """Remove every image labelled archbench; how many were removed."""
    removed = 0
    for image in client.images.list(filters={"label": "archbench=1"}):
        client.images.remove(image.id, force=True)
        removed += 1
    return removed
