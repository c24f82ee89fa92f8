"""The grading environment's start and teardown: the app boots with the boot CPU allowance and
is held to the graded limit before any check runs; the prober carries the hidden files; a
teardown handed to the reaper leaves nothing behind once drained; a failed start leaves
nothing behind at all."""

import asyncio
import secrets
from pathlib import Path
from typing import Any

import pytest

from graders.environment import CPU_PERIOD_US, AppSettings, start_grading_env
from harness.archive import tar_files
from harness.docker_env import Reaper, sweep
from harness.errors import SandboxError
from harness.tasks import load_task, task_env
from harness.validate import snapshot_of

pytestmark = pytest.mark.docker
TASK = Path(__file__).resolve().parents[2] / "tasks" / "order-validation"


def _run_objects(client: Any, run_id: str) -> list[str]:
    filt = {"label": [f"archbench.run={run_id}"]}
    return [c.name for c in client.containers.list(all=True, filters=filt)] + [
        n.name for n in client.networks.list(filters=filt)
    ]


def test_app_boots_with_the_allowance_and_is_graded_at_its_limit(
    docker_client: Any, images: Any
) -> None:
    task = load_task(TASK)
    run_id = f"genv-{secrets.token_hex(3)}"
    app = AppSettings(image=images.runtime, env=task_env(task), cpus=1.0, boot_cpus=2.0)
    reaper = Reaper()
    try:
        env = start_grading_env(
            docker_client,
            task=task,
            app=app,
            prober_image=images.prober,
            run_id=run_id,
            name=f"archbench-{run_id}",
            snapshot=snapshot_of(task.path("workspace"), task.path("solution")),
            prober_files=tar_files([("hidden/marker.txt", b"hidden")]),
        )
        env.app.reload()
        assert env.app.attrs["HostConfig"]["CpuQuota"] == 2 * CPU_PERIOD_US  # booting
        ready = asyncio.run(env.wait_ready())
        assert ready.ready, ready.reason
        env.app.reload()
        host = env.app.attrs["HostConfig"]
        assert (host["CpuPeriod"], host["CpuQuota"]) == (CPU_PERIOD_US, CPU_PERIOD_US)
        listed = env.prober.exec_run(["cat", "/grader/hidden/marker.txt"])
        assert (listed.exit_code, listed.output) == (0, b"hidden")
        reaper.submit(env.close)
        reaper.drain()
        assert _run_objects(docker_client, run_id) == []
    finally:
        sweep(docker_client, run_id)


def test_a_failed_start_removes_what_it_created(docker_client: Any, images: Any) -> None:
    task = load_task(TASK)
    run_id = f"genv-{secrets.token_hex(3)}"
    app = AppSettings(image=images.runtime, env=task_env(task))
    try:
        with pytest.raises(SandboxError, match="grading environment failed to start"):
            start_grading_env(
                docker_client,
                task=task,
                app=app,
                prober_image="archbench/no-such-image:0",
                run_id=run_id,
                name=f"archbench-{run_id}",
                snapshot=snapshot_of(task.path("workspace"), task.path("solution")),
                prober_files=tar_files([("hidden/marker.txt", b"hidden")]),
            )
        assert _run_objects(docker_client, run_id) == []
    finally:
        sweep(docker_client, run_id)
