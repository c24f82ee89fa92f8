"""Kill a real run with SIGKILL at several points, resume it, and get exactly the samples an
uninterrupted run has: nothing redone twice, nothing lost, nothing left running."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from harness.results.log import read_run, read_samples

pytestmark = pytest.mark.docker
REPO = Path(__file__).resolve().parents[2]
TASKS = ("crud-books", "cursor-pagination")
EXPECTED = sorted(f"{t}/1/oracle" for t in TASKS)


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "harness", *args]


def containers(client: Any, run_id: str) -> list[str]:
    filt = {"label": [f"archbench.run={run_id}"]}
    return [c.name for c in client.containers.list(all=True, filters=filt, ignore_removed=True)]


def wait_until(
    cond: Callable[[], bool], proc: subprocess.Popen[bytes], timeout: float = 600
) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert proc.poll() is None, "the run ended before the kill point"
        assert time.monotonic() < deadline, "kill point never reached"
        time.sleep(0.2)


@pytest.mark.parametrize("point", ["agent", "grading", "writing"])
def test_sigkill_then_resume_gives_the_uninterrupted_set(
    point: str, tmp_path: Path, images: Any, docker_client: Any
) -> None:
    run_id = f"kill-{point}-{os.getpid()}"
    run_dir = tmp_path / run_id
    task_args = [a for t in TASKS for a in ("--tasks", t)]
    proc = subprocess.Popen(
        command(
            "run",
            "--model",
            "oracle",
            *task_args,
            "--out",
            str(tmp_path),
            "--run-id",
            run_id,
            "--concurrency",
            "1",
            "--probe-length",
            "short",
        ),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        if point == "agent":  # the first sandbox is up: the agent phase has begun
            wait_until(
                lambda: any(
                    not n.endswith(("-app", "-prober")) for n in containers(docker_client, run_id)
                ),
                proc,
            )
        elif point == "grading":
            wait_until(
                lambda: any(n.endswith("-prober") for n in containers(docker_client, run_id)), proc
            )
        else:
            wait_until(lambda: len(read_samples(run_dir)) >= 1, proc)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    if point == "writing":  # as if the kill landed half-way through the next line
        with open(run_dir / "samples.jsonl", "ab") as f:
            f.write(b'{"run_id": "' + run_id.encode() + b'", "sample_id": "cursor-pag')

    before = [s.sample_id for s in read_samples(run_dir)]
    resumed = subprocess.run(
        command("run", "--resume", str(run_dir)),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1500,
    )

    assert resumed.returncode == 0, resumed.stdout[-3000:] + resumed.stderr[-3000:]
    after = [s.sample_id for s in read_samples(run_dir)]
    assert sorted(after) == EXPECTED  # each exactly once
    assert after[: len(before)] == before  # finished samples kept as they were
    assert all(s.score == 1.0 for s in read_samples(run_dir))
    run = read_run(run_dir)
    assert run.status == "completed" and len(run.resumed_at) == 1
    assert containers(docker_client, run_id) == []
