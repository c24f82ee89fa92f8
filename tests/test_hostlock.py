"""The host lock: gradings share it; a probe takes a slot of cores, keeps new gradings out and
waits for running ones at most its bound. Across processes, with a fake core count."""

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.sandbox import hostlock
from harness.sandbox.cores import CoresError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def lock_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARCHBENCH_LOCK_DIR", str(tmp_path))


def test_readers_share_and_a_writer_waits_for_them() -> None:
    events: list[str] = []

    async def reader(name: str, hold: float) -> None:
        async with hostlock.shared():
            events.append(f"{name} in")
            await asyncio.sleep(hold)
            events.append(f"{name} out")

    async def writer() -> None:
        await asyncio.sleep(0.05)
        async with hostlock.exclusive():
            events.append("writer in")
        events.append("writer out")

    async def late_reader() -> None:
        await asyncio.sleep(0.15)  # the writer is already waiting: it goes first
        await reader("late", 0.0)

    async def main() -> None:
        await asyncio.gather(reader("r1", 0.3), reader("r2", 0.3), writer(), late_reader())

    asyncio.run(main())
    assert events[:2] == ["r1 in", "r2 in"]
    assert events.index("writer in") > max(events.index("r1 out"), events.index("r2 out"))
    assert events.index("late in") > events.index("writer in")


def test_the_lock_is_released_when_the_body_raises() -> None:
    async def main() -> None:
        with pytest.raises(RuntimeError):
            async with hostlock.exclusive():
                raise RuntimeError("boom")
        async with asyncio.timeout(2):
            async with hostlock.exclusive():
                pass
            async with hostlock.shared():
                pass

    asyncio.run(main())


def test_a_thread_shares_with_readers_and_gives_up_when_stopped() -> None:
    stop = threading.Event()
    with hostlock.shared_in_thread(stop) as held:
        assert held  # nobody else holds it

    async def main() -> list[bool]:
        got: list[bool] = []

        def in_thread() -> None:
            with hostlock.shared_in_thread(stop) as held:
                got.append(held)

        async with hostlock.exclusive():
            waiting = asyncio.create_task(asyncio.to_thread(in_thread))
            await asyncio.sleep(0.2)
            assert got == []  # held off while a writer holds the lock
            stop.set()
            await asyncio.wait_for(waiting, 2)
        return got

    assert asyncio.run(main()) == [False]


HOLDER = """
import asyncio, json, sys, time
from harness.sandbox import hostlock

async def main(kind: str, hold: float) -> None:
    lock = hostlock.exclusive() if kind == "probe" else hostlock.shared()
    async with lock as lease:
        cores = list(lease.cores.cores) if lease is not None else []
        print(json.dumps({"in": time.time(), "cores": cores}), flush=True)
        await asyncio.sleep(hold)
    print(json.dumps({"out": time.time()}), flush=True)

asyncio.run(main(sys.argv[1], float(sys.argv[2])))
"""


@contextlib.contextmanager
def _holder(kind: str, hold: float, cores: str) -> Iterator["_Holder"]:
    """Another archbench process holding a probe's cores or a grading's share for `hold` s;
    killed on the way out."""
    env = {**os.environ, "ARCHBENCH_CORES": cores, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, kind, str(hold)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        yield _Holder(proc)
    finally:
        proc.kill()
        proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()


class _Holder:
    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc

    def line(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        got: dict[str, Any] = json.loads(self.proc.stdout.readline())
        return got

    def entered(self) -> dict[str, Any]:
        """When it got in, and its cores."""
        return self.line()

    def left(self) -> float:
        return float(self.line()["out"])


def test_eight_cores_run_three_probes_at_once_across_processes() -> None:
    with contextlib.ExitStack() as stack:
        procs = [stack.enter_context(_holder("probe", 1.5, "0-7")) for _ in range(4)]
        entered = [p.entered() for p in procs]
        left = [p.left() for p in procs]
    order = sorted(range(4), key=lambda i: entered[i]["in"])
    first3, fourth = order[:3], order[3]
    assert sorted(c for i in first3 for c in entered[i]["cores"]) == [0, 1, 2, 3, 4, 5]
    assert max(entered[i]["in"] for i in first3) < min(left[i] for i in first3)  # side by side
    assert entered[fourth]["in"] >= min(left[i] for i in first3) - 0.01  # waited for a slot


def test_two_cores_run_one_probe_at_a_time_across_processes() -> None:
    with _holder("probe", 0.5, "0-1") as a, _holder("probe", 0.5, "0-1") as b:
        entered = [a.entered(), b.entered()]
        left = [a.left(), b.left()]
    assert [e["cores"] for e in entered] == [[0, 1], [0, 1]]
    first, second = sorted(range(2), key=lambda i: entered[i]["in"])
    assert entered[second]["in"] >= left[first] - 0.01


async def _probe(**kwargs: Any) -> tuple[float, hostlock.ProbeLease]:
    """A probe in this process on cores 0-1: how long it took to get in, and its lease."""
    start = time.monotonic()
    async with hostlock.exclusive(cores=[0, 1], **kwargs) as lease:
        return time.monotonic() - start, lease


def test_a_grading_that_never_ends_delays_a_probe_by_the_bound_only() -> None:
    with _holder("grading", 3600, "0-1") as grading:
        grading.entered()
        took, lease = asyncio.run(_probe(quiet_bound_s=0.5))
    assert lease.contended
    assert 0.5 <= lease.quiet_wait_s <= took < 0.5 + 0.5
    assert lease.cores_wait_s < 0.2


def test_a_quiet_probe_waits_for_a_grading_that_ends_within_the_bound() -> None:
    with _holder("grading", 0.4, "0-1") as grading:
        grading.entered()
        _, lease = asyncio.run(_probe(quiet_bound_s=5))
    assert not lease.contended
    assert 0.2 < lease.quiet_wait_s < 2


def test_a_killed_probe_frees_its_cores() -> None:
    async def probe(timeout: float) -> tuple[float, hostlock.ProbeLease]:
        async with asyncio.timeout(timeout):
            return await _probe()

    with _holder("probe", 3600, "0-1") as other:
        other.entered()
        with pytest.raises(TimeoutError):  # its cores are held: no way in
            asyncio.run(probe(0.5))
        other.proc.kill()
        other.proc.wait()
        took, lease = asyncio.run(probe(2))
    assert lease.cores.cores == (0, 1)
    assert took < 1


def test_gradings_wait_while_a_probe_runs() -> None:
    async def grading() -> float:
        async with hostlock.shared():
            return time.time()

    with _holder("probe", 0.6, "0-1") as probe:
        probe.entered()
        got_in = asyncio.run(grading())
        assert got_in >= probe.left() - 0.01


def test_a_probe_without_cores_says_how_to_give_it_some() -> None:
    async def probe() -> None:
        async with hostlock.exclusive(cores=[]):
            pass

    with pytest.raises(CoresError, match="ARCHBENCH_CORES"):
        asyncio.run(probe())
