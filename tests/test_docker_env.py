"""sweep() on a fake Docker client: objects already gone or being removed are not errors."""

from typing import Any

import pytest
from docker.errors import APIError, NotFound

from harness.docker_env import labels, sweep


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
