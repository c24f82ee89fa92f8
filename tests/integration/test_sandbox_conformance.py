"""One conformance suite for every Sandbox: the fake and the Docker one must agree."""

import asyncio
import secrets
from collections.abc import Iterator
from typing import Any

import pytest

from harness.archive import tar_files
from harness.sandbox.base import Sandbox
from harness.sandbox.docker import SandboxLimits, start_sandbox
from harness.sandbox.docker_env import sweep
from harness.sandbox.fake import FakeSandbox


@pytest.fixture(params=["fake", pytest.param("docker", marks=pytest.mark.docker)])
def sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    if request.param == "fake":
        sb: Any = FakeSandbox()
        asyncio.run(sb.write_file(f"{sb.workdir}/seed/a.txt", b"seed\n"))
        yield sb
        asyncio.run(sb.close())
        return
    client = request.getfixturevalue("docker_client")
    images = request.getfixturevalue("images")
    run_id = f"conf-{secrets.token_hex(3)}"
    sb = start_sandbox(
        client,
        image=images.runtime,
        run_id=run_id,
        name=f"archbench-{run_id}",
        env={"GREETING": "hi"},
        limits=SandboxLimits(lifetime=300),
        files=tar_files([("seed/a.txt", b"seed\n")], uid=1000),
    )
    yield sb
    asyncio.run(sb.close())
    sweep(client, run_id)


def test_exec_runs_in_workdir_and_reports_exit_code(sandbox: Sandbox) -> None:
    res = asyncio.run(sandbox.exec(["bash", "-c", "pwd; cat seed/a.txt; exit 3"]))
    assert res.exit_code == 3
    assert res.stdout == f"{sandbox.workdir}\nseed\n"
    assert not res.timed_out


def test_exec_separates_stderr_and_passes_env(sandbox: Sandbox) -> None:
    res = asyncio.run(sandbox.exec(["bash", "-c", 'echo "$X" >&2'], env={"X": "value"}))
    assert (res.exit_code, res.stdout, res.stderr) == (0, "", "value\n")


def test_exec_timeout_is_reported_not_raised(sandbox: Sandbox) -> None:
    res = asyncio.run(sandbox.exec(["sleep", "30"], timeout=1))
    assert res.timed_out and res.exit_code == 124


def test_exec_output_limit_cuts_output(sandbox: Sandbox) -> None:
    res = asyncio.run(
        sandbox.exec(["bash", "-c", "head -c 100000 /dev/zero | tr '\\0' x"], output_limit=1000)
    )
    assert res.truncated
    assert len(res.stdout) == 1000


def test_write_then_read_round_trip_creates_parents(sandbox: Sandbox) -> None:
    path = f"{sandbox.workdir}/deep/er/file.bin"
    data = bytes(range(256)) * 1000
    asyncio.run(sandbox.write_file(path, data))
    assert asyncio.run(sandbox.read_file(path)) == data


def test_read_errors_are_os_errors(sandbox: Sandbox) -> None:
    with pytest.raises(FileNotFoundError):
        asyncio.run(sandbox.read_file(f"{sandbox.workdir}/missing.txt"))
    with pytest.raises(IsADirectoryError):
        asyncio.run(sandbox.read_file(f"{sandbox.workdir}/seed"))
    with pytest.raises(IsADirectoryError):
        asyncio.run(sandbox.write_file(f"{sandbox.workdir}/seed", b"x"))
