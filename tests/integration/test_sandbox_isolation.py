"""The agent's container: no network, no hidden material, bounded, non-root."""

import asyncio
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.run.sample import starter_files
from harness.run.service_env import task_env
from harness.sandbox.docker import DockerSandbox, SandboxLimits, start_sandbox
from harness.sandbox.docker_env import sweep
from harness.tasks.spec import load_tasks

pytestmark = pytest.mark.docker
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def agent_box(docker_client: Any, images: Any) -> Iterator[DockerSandbox]:
    task = load_tasks(REPO / "tasks")[0]
    run_id = f"iso-{secrets.token_hex(3)}"
    sb = start_sandbox(
        docker_client,
        image=images.runtime,
        run_id=run_id,
        name=f"archbench-{run_id}",
        env=task_env(task),
        limits=SandboxLimits(memory="512m", pids=128, lifetime=300),
        files=starter_files(task),
    )
    yield sb
    asyncio.run(sb.close())
    sweep(docker_client, run_id)


def sh(sb: DockerSandbox, script: str, timeout: float = 60) -> Any:
    return asyncio.run(sb.exec(["bash", "-c", script], timeout=timeout))


def test_no_network_at_all(agent_box: DockerSandbox) -> None:
    res = sh(agent_box, "cat /sys/class/net/*/operstate 2>/dev/null; ls /sys/class/net")
    assert res.stdout.split() == ["unknown", "lo"]  # only loopback exists
    probe = (
        "import socket\n"
        "for host in ('deb.debian.org', '1.1.1.1'):\n"
        "    try:\n"
        "        socket.create_connection((host, 80), timeout=3); print('REACHED', host)\n"
        "    except OSError as e:\n"
        "        print('blocked', host)\n"
    )
    out = sh(agent_box, f"python - <<'EOF'\n{probe}EOF").stdout
    assert out.split("\n")[:2] == ["blocked deb.debian.org", "blocked 1.1.1.1"]


def test_hidden_tests_solutions_and_graders_are_nowhere(agent_box: DockerSandbox) -> None:
    task = load_tasks(REPO / "tasks")[0]
    hidden_names = sorted(p.name for p in task.path("hidden").iterdir() if p.suffix == ".py")
    needles = [*hidden_names, "conftest.py", "mutants", "MUTANT.md", "junit.xml"]
    found = sh(
        agent_box,
        "find / -xdev \\( -path /proc -o -path /sys \\) -prune -o -print "
        "2>/dev/null | grep -v -E '^/opt/venv|^/usr/lib/python3' ",
        timeout=120,
    )
    names = {line.rsplit("/", 1)[-1] for line in found.stdout.splitlines()}
    assert not names & set(needles)
    workspace = sh(agent_box, "find /workspace -type f").stdout.split()
    assert not [p for p in workspace if {"hidden", "solution", "mutants"} & set(p.split("/"))]
    given = b"".join(
        p.read_bytes()
        for p in task.root.glob("*/**/*")
        if p.is_file()
        and "hidden" not in p.parts
        and "solution" not in p.parts
        and "mutants" not in p.parts
    )
    lines = (task.path("hidden") / hidden_names[0]).read_text().splitlines()
    marker = max((ln.strip() for ln in lines if ln.strip().encode() not in given), key=len)[:60]
    # /usr and /opt hold only Debian packages and pinned wheels (the image recipe); the rest of
    # the filesystem, mounts and environment included, is searched for the hidden text.
    roots = sh(agent_box, "ls -d /* | grep -v -E '^/(proc|sys|usr|opt|dev)$'").stdout.split()
    grep = sh(
        agent_box,
        f"grep -rlF -- {marker!r} {' '.join(roots)} /proc/1/environ "
        "/proc/self/environ 2>/dev/null | head -5",
        timeout=120,
    )
    assert grep.stdout == ""


def test_env_has_no_secrets_of_the_host(agent_box: DockerSandbox) -> None:
    env = sh(agent_box, "env").stdout
    assert "ANTHROPIC" not in env
    assert "APP_SECRET=" in env  # the task's own per-run secret, not a host secret


def test_runs_as_non_root_with_read_only_root(agent_box: DockerSandbox) -> None:
    assert sh(agent_box, "id -u").stdout.strip() == "1000"
    res = sh(agent_box, "touch /usr/x 2>&1; touch /workspace/ok && echo wrote")
    assert "Read-only file system" in res.stdout or "Permission denied" in res.stdout
    assert res.stdout.strip().endswith("wrote")


def test_limits_are_applied(agent_box: DockerSandbox) -> None:
    host = agent_box.container.attrs["HostConfig"]
    assert host["Memory"] == 512 * 1024 * 1024
    assert host["PidsLimit"] == 128
    assert host["NanoCpus"] == 1_000_000_000
    assert host["NetworkMode"] == "none"
    df = sh(agent_box, "df -k /workspace | tail -1").stdout.split()
    assert int(df[1]) == 512 * 1024  # workspace tmpfs size in KiB
