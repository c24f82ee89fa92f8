"""Shared fixtures. Docker fixtures fail (never skip) when the engine is unreachable."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def docker_client() -> Any:
    from harness.sandbox.docker_env import connect

    return connect()  # raises DockerUnavailableError: a missing engine is a failure, not a skip


@pytest.fixture(scope="session")
def images(docker_client: Any) -> Any:
    from harness.images import ensure_images

    return ensure_images(docker_client, cache_dir=REPO / ".cache", progress=lambda _: None)


@pytest.fixture
def in_repo() -> Iterator[Path]:
    old = Path.cwd()
    os.chdir(REPO)
    try:
        yield REPO
    finally:
        os.chdir(old)
