"""A probe's slot pins its running app and generator containers to the slot's cores."""

import secrets
from types import SimpleNamespace
from typing import Any

import pytest

from graders.environment import pin_probe
from harness.sandbox.cores import Slot
from harness.sandbox.docker_env import labels, sweep


def _affinity(container: Any) -> str:
    """The CPUs the container's processes may run on, as the kernel sees it."""
    res = container.exec_run(["python", "-c", "import os; print(sorted(os.sched_getaffinity(0)))"])
    assert res.exit_code == 0, res.output
    return str(res.output.decode().strip())


@pytest.mark.docker
def test_running_containers_are_pinned_to_their_slot(docker_client: Any, images: Any) -> None:
    if int(docker_client.info().get("NCPU", 1)) < 2:
        pytest.fail("this test needs an engine with at least 2 CPUs")
    run_id = f"test-pin-{secrets.token_hex(3)}"
    try:
        app, prober = (
            docker_client.containers.run(
                images.runtime, ["sleep", "60"], detach=True, labels=labels(run_id)
            )
            for _ in range(2)
        )
        env = SimpleNamespace(client=docker_client, app=app, prober=prober)
        assert pin_probe(env, Slot(1, 0)) == "app on CPU 1, generator on CPU 0"  # type: ignore[arg-type]
        assert _affinity(app) == "[1]"
        assert _affinity(prober) == "[0]"
        app.reload()
        assert app.attrs["HostConfig"]["CpusetCpus"] == "1"
        far = Slot(998, 999)
        assert pin_probe(env, far).startswith("not pinned: cores 998,999")  # type: ignore[arg-type]
    finally:
        sweep(docker_client, run_id)
