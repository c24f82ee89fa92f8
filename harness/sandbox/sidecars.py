"""Sidecar servers a task can declare: PostgreSQL and Redis from Debian's packages, started
fresh for the agent's sandbox and again for grading, on the sample's internal network.
"""

import time
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from docker.errors import APIError, DockerException

from harness.errors import SandboxError

Sidecar = Literal["postgres", "redis"]
_PG = "/usr/local/pgbin"
COMMANDS: Mapping[str, tuple[str, list[str]]] = {
    "postgres": (
        "postgres",
        [
            f"{_PG}/postgres",
            "-D",
            "/var/lib/archbench-pg/data",
            "-c",
            "listen_addresses=*",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=200",
        ],
    ),
    "redis": (
        "redis",
        [
            "redis-server",
            "--bind",
            "0.0.0.0",
            "--protected-mode",
            "no",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
    ),
}
READY: Mapping[str, list[str]] = {
    "postgres": [f"{_PG}/pg_isready", "-h", "127.0.0.1", "-q"],
    "redis": ["redis-cli", "ping"],
}
ENV: Mapping[str, Mapping[str, str]] = {
    "postgres": {"DATABASE_URL": "postgresql+psycopg://app:app@postgres:5432/app"},
    "redis": {"REDIS_URL": "redis://redis:6379/0"},
}
MEMORY = {"postgres": "512m", "redis": "256m"}


def sidecar_env(names: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for n in names:
        out.update(ENV[n])
    return out


def start_sidecars(
    client: Any,
    *,
    image: str,
    network: str,
    names: Sequence[str],
    labels: dict[str, str],
    prefix: str,
    made: list[Any] | None = None,
) -> list[Any]:
    """Start each sidecar with its name as network alias; returns the containers (started).
    Each container is also appended to `made` as soon as it exists, for the caller's cleanup
    when a later one fails."""
    started = []
    for n in names:
        user, cmd = COMMANDS[n]
        endpoint = client.api.create_endpoint_config(aliases=[n])
        c = client.containers.create(
            image,
            cmd,
            name=f"{prefix}-{n}",
            user=user,
            labels=labels,
            network=network,
            networking_config={network: endpoint},
            mem_limit=MEMORY[n],
            pids_limit=256,
            shm_size="128m",
        )
        started.append(c)
        if made is not None:
            made.append(c)
        c.start()
    return started


def wait_sidecars(containers: Sequence[Any], timeout: float = 60.0) -> None:
    """Block until every sidecar answers its readiness command; SandboxError otherwise."""
    deadline = time.monotonic() + timeout
    for c in containers:
        kind = c.name.rsplit("-", 1)[-1]
        while True:
            try:
                if c.exec_run(READY[kind]).exit_code == 0:
                    break
            except (APIError, DockerException) as e:
                raise SandboxError(f"sidecar {c.name} failed: {e}") from None
            if time.monotonic() > deadline:
                raise SandboxError(f"sidecar {c.name} not ready within {timeout:.0f} s")
            time.sleep(0.05)
