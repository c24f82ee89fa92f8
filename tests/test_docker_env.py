"""sweep() on a fake Docker client: objects already gone or being removed are not errors; the
Reaper runs teardowns in the background and drain() waits for them."""

from typing import Any

import pytest
from docker.errors import APIError, NotFound

from harness.sandbox.docker_env import Reaper, labels, sweep


class FakeResponse:
    def __init__(self, status_code: int) -> None:
        self.status_code = status_code
        self.reason = "x"


class Obj:
    def __init__(self, kind: "Kind", fail: int | None = None) -> None:
        self.kind, self.fail = kind, fail

    def remove(self, **_: Any) -> None:
        if self.fail == 404:
            raise NotFound("gone")
        if self.fail is not None:
            raise APIError("conflict", response=FakeResponse(self.fail))  # type: ignore[arg-type]
        self.kind.items.remove(self)


class Kind:
    def __init__(self) -> None:
        self.items: list[Obj] = []

    def list(self, **_: Any) -> list[Obj]:
        return list(self.items)


class FakeClient:
    def __init__(self) -> None:
        self.containers, self.networks, self.volumes = Kind(), Kind(), Kind()


def test_labels_carry_run_id() -> None:
    assert labels("r1", role="app") == {
        "archbench": "1",
        "archbench.role": "app",
        "archbench.run": "r1",
    }


def test_sweep_counts_removed_and_skips_gone_and_in_progress() -> None:
    client = FakeClient()
    c = client.containers
    c.items = [Obj(c), Obj(c, fail=404)]
    client.networks.items = [Obj(client.networks)]
    client.volumes.items = [Obj(client.volumes), Obj(client.volumes)]
    # the 404 container would stay listed forever: settle_s bounds the wait
    result = sweep(client, settle_s=0.0)
    assert (result.containers, result.networks, result.volumes) == (1, 1, 2)


def test_sweep_tolerates_removal_in_progress() -> None:
    client = FakeClient()
    client.containers.items = [Obj(client.containers, fail=409)]
    assert sweep(client, settle_s=0.0).containers == 0


def test_sweep_raises_other_api_errors() -> None:
    client = FakeClient()
    client.containers.items = [Obj(client.containers, fail=500)]
    with pytest.raises(APIError):
        sweep(client, settle_s=0.0)


def test_reaper_runs_teardowns_in_the_background_and_drain_waits_for_them() -> None:
    import threading

    gate, done = threading.Event(), []

    def teardown(i: int) -> None:
        gate.wait(5)
        done.append(i)

    reaper = Reaper()
    for i in range(5):
        reaper.submit(lambda i=i: teardown(i))  # type: ignore[misc]
    assert done == []  # submit returned while every teardown still waits
    gate.set()
    reaper.drain()
    assert sorted(done) == [0, 1, 2, 3, 4]


def test_reaper_drain_survives_a_failing_teardown() -> None:
    def broken() -> None:
        raise RuntimeError("docker went away")

    reaper, done = Reaper(), []
    reaper.submit(broken)
    reaper.submit(lambda: done.append(1))
    reaper.drain()
    assert done == [1]


def test_reaper_drain_gives_up_after_its_timeout() -> None:
    import threading
    import time

    stuck = threading.Event()

    def teardown() -> None:
        stuck.wait(5)

    reaper = Reaper()
    reaper.submit(teardown)
    t = time.monotonic()
    reaper.drain(timeout=0.1)
    assert time.monotonic() - t < 2  # returned although the teardown still waits
    stuck.set()
    reaper.drain()
