"""Held hidden tests in the prober image, through the same exec the grading uses: pytest
collects, then waits for its word on stdin; `go` runs the tests (within the hidden-test
timeout counted from then: the conftest's budget inside it fails what is left, and exit 124
ends a run past it, as `timeout` gives), `stop` ends pytest without running any."""

import asyncio
import secrets
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from graders.environment import ExecOutput, GradingEnv
from graders.functional import HeldTests
from harness.archive import tar_files
from harness.sandbox.docker_env import labels, sweep
from harness.tasks.spec import load_task

pytestmark = pytest.mark.docker
TASK = Path(__file__).resolve().parents[2] / "tasks" / "order-validation"
SUITE = b"""\
import os, time

def test_quick():
    pass

def test_slow():
    time.sleep(float(os.environ.get("SLOW_S", "0")))
"""


def _held(client: Any, images: Any, word: str, *, hidden_timeout: float, slow_s: str) -> Any:
    base = load_task(TASK)
    grading = base.spec.grading.model_copy(update={"hidden_timeout": hidden_timeout})
    task = base.model_copy(update={"spec": base.spec.model_copy(update={"grading": grading})})
    run_id = f"held-{secrets.token_hex(3)}"
    prober = client.containers.run(
        images.prober, ["sleep", "300"], detach=True, labels=labels(run_id), init=True
    )
    try:
        conftest = (resources.files("graders.prober") / "conftest.py").read_bytes()
        files = [("conftest.py", conftest), ("tests/test_s.py", SUITE)]
        prober.put_archive("/grader", tar_files(files))
        env = GradingEnv(client, None, None, prober, task, {"SLOW_S": slow_s})

        async def main() -> tuple[ExecOutput | None, str]:
            held = HeldTests(env, task)
            await asyncio.sleep(3.0)  # collected by now, and waiting
            ps = await asyncio.to_thread(prober.exec_run, ["ps", "-eo", "args"])
            if word == "go":
                return await held.release(), ps.output.decode()
            await held.abandon()
            return None, ps.output.decode()

        result, listing = asyncio.run(main())
        after = prober.exec_run(["ps", "-eo", "args"]).output.decode()
        return result, listing, after
    finally:
        sweep(client, run_id)


def test_go_runs_the_tests(docker_client: Any, images: Any) -> None:
    result, listing, _ = _held(docker_client, images, "go", hidden_timeout=60, slow_s="0")
    assert "pytest" in listing  # it was waiting before the word came
    assert result.exit_code == 0 and "2 passed" in result.output, result.output


def test_stop_ends_pytest_without_running_a_test(docker_client: Any, images: Any) -> None:
    result, listing, ps = _held(docker_client, images, "stop", hidden_timeout=60, slow_s="0")
    assert "pytest" in listing
    assert result is None and "pytest" not in ps  # it is gone


def test_the_hidden_timeout_counts_from_go(docker_client: Any, images: Any) -> None:
    result, _, _ = _held(docker_client, images, "go", hidden_timeout=1, slow_s="30")
    # the conftest's budget (within the timeout) fails the slow test; the quick one ran
    assert result.exit_code == 1, result.output
    assert "1 failed, 1 passed" in result.output and "budget (0.75 s) ran out" in result.output
