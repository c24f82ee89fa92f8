"""Connecting to Docker, labelling what archbench creates, and sweeping it away."""

import os
from dataclasses import dataclass
from typing import Any

import docker
from docker.errors import DockerException, NotFound

from harness.errors import DockerUnavailableError

LABEL = "archbench"
RUN_LABEL = "archbench.run"


def labels(run_id: str | None = None, **extra: str) -> dict[str, str]:
    """The labels every Docker object archbench creates carries."""
    out = {LABEL: "1", **{f"archbench.{k}": v for k, v in extra.items()}}
    if run_id:
        out[RUN_LABEL] = run_id
    return out


def connect() -> Any:
    """A docker client for DOCKER_HOST (or the local socket); one-line error if unreachable."""
    where = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    try:
        client = docker.from_env(timeout=300)
        client.ping()
    except DockerException as e:
        reason = str(e).splitlines()[0][:160]
        raise DockerUnavailableError(
            f"Docker is not reachable at {where} ({reason}); start the engine "
            "(e.g. `sudo systemctl start docker`) or set DOCKER_HOST to a running engine"
        ) from None
    return client


@dataclass(frozen=True)
class SweepResult:
    containers: int
    networks: int
    volumes: int


def sweep(client: Any, run_id: str | None = None) -> SweepResult:
    """Remove containers, then networks and volumes, labelled archbench (of one run, or all)."""
    filt = {"label": [f"{RUN_LABEL}={run_id}"] if run_id else [f"{LABEL}=1"]}
    n_c = n_n = n_v = 0
    for c in client.containers.list(all=True, filters=filt):
        try:
            c.remove(force=True, v=True)
            n_c += 1
        except NotFound:
            pass
    for n in client.networks.list(filters=filt):
        try:
            n.remove()
            n_n += 1
        except NotFound:
            pass
    for v in client.volumes.list(filters=filt):
        try:
            v.remove(force=True)
            n_v += 1
        except NotFound:
            pass
    return SweepResult(n_c, n_n, n_v)
