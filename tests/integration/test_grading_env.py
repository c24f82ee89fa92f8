"""The grading environment's start and teardown: the app boots with the boot CPU allowance and
is held to the graded limit before any check runs; the prober carries the hidden files; a
teardown handed to the reaper leaves nothing behind once drained; a failed start leaves
nothing behind at all; a shell made ahead of time serves a grading, and the service in it
starts exactly as in a shell made on demand."""

import asyncio
import secrets
import time
from pathlib import Path
from typing import Any

import pytest

from graders.environment import start_grading_env
from graders.shell import CPU_PERIOD_US, AppSettings, Shell, make_shell
from harness.archive import tar_files
from harness.errors import SandboxError
from harness.run.service_env import task_env
from harness.run.validate import snapshot_of
from harness.sandbox.docker_env import Reaper, sweep
from harness.tasks.spec import load_task

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


def _start(
    client: Any,
    images: Any,
    task: Any,
    run_id: str,
    shell: Shell | None,
    snapshot: bytes,
    app_env: dict[str, str] | None = None,
) -> Any:
    return start_grading_env(
        client,
        task=task,
        app=AppSettings(image=images.runtime, env=app_env or task_env(task), requirements_met=True),
        prober_image=images.prober,
        run_id=run_id,
        name=f"archbench-{run_id}-{secrets.token_hex(2)}",
        snapshot=snapshot,
        prober_files=tar_files([("hidden/marker.txt", b"hidden")]),
        shell=shell,
    )


def _shell(client: Any, images: Any, run_id: str) -> Shell:
    return make_shell(
        client,
        app=AppSettings(image=images.runtime, env={}),
        prober_image=images.prober,
        run_id=run_id,
    )


@pytest.mark.parametrize("wait_s", [0.0, 1.0], ids=["taken-at-once", "taken-waiting"])
def test_a_shell_made_ahead_serves_a_grading_and_leaves_nothing(
    docker_client: Any, images: Any, wait_s: float
) -> None:
    """Taken the moment it is made (its gate may not have started yet) or once it waits."""
    task = load_task(TASK)
    run_id = f"genv-{secrets.token_hex(3)}"
    try:
        shell = _shell(docker_client, images, run_id)
        time.sleep(wait_s)
        snapshot = snapshot_of(task.path("workspace"), task.path("solution"))
        env = _start(docker_client, images, task, run_id, shell, snapshot)
        assert (env.app.id, env.prober.id, env.network.id) == (
            shell.app.id,
            shell.prober.id,
            shell.network.id,
        )
        ready = asyncio.run(env.wait_ready())
        assert ready.ready, (ready.reason, env.app_logs())
        listed = env.prober.exec_run(["cat", "/grader/hidden/marker.txt"])
        assert (listed.exit_code, listed.output) == (0, b"hidden")
        env.close()
        assert _run_objects(docker_client, run_id) == []
    finally:
        sweep(docker_client, run_id)


REPORT = (
    'sh -c \'grep -E "^(Uid|Sig(Blk|Ign|Cgt))" /proc/self/status; pwd; readlink /proc/self/fd/0; '
    "ls -lnR --time-style=+%s /workspace; env | grep -v ^HOSTNAME= | sort; "
    "echo archbench-report-end; exec sleep 600'"
)


def _report(env: Any) -> str:
    deadline = time.monotonic() + 30
    while "archbench-report-end" not in (logs := env.app_logs()):
        assert time.monotonic() < deadline, logs
        time.sleep(0.05)
    return logs


def test_the_service_starts_the_same_in_a_shell_made_ahead_and_one_made_on_demand(
    docker_client: Any, images: Any
) -> None:
    """Same user, signal mask and dispositions, working folder and environment (the task's
    included, nothing of the gate's added) either way."""
    base = load_task(TASK)
    service = base.spec.service.model_copy(update={"command": REPORT})
    task = base.model_copy(update={"spec": base.spec.model_copy(update={"service": service})})
    run_id = f"genv-{secrets.token_hex(3)}"
    snapshot = snapshot_of(task.path("workspace"), task.path("solution"))
    app_env = task_env(task)  # its APP_SECRET is new on every call
    try:
        shell = _shell(docker_client, images, run_id)
        time.sleep(0.5)
        ahead = _report(_start(docker_client, images, task, run_id, shell, snapshot, app_env))
        fresh = _report(_start(docker_client, images, task, run_id, None, snapshot, app_env))
    finally:
        sweep(docker_client, run_id)
    assert ahead == fresh
    assert "SigBlk:\t0000000000000000" in fresh and "SigIgn:\t0000000000000000" in fresh
    assert "\n/dev/null\n" in fresh  # stdin, as without the gate
    assert "-rw-r--r-- 1 1000 1000" in fresh  # the snapshot's files, owned by the app's user
    assert "Uid:\t1000" in fresh and "/workspace" in fresh
    assert all(f"{k}={v}" in fresh for k, v in app_env.items())
    assert "LC_CTYPE" not in fresh
