"""Shared fixtures for hidden tests, copied into the prober container only (never the sandbox)."""

import os

import httpx
import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "critical: a check the task cannot be resolved without")


@pytest.fixture(autouse=True)
def _mark_critical(request: pytest.FixtureRequest, record_property) -> None:  # type: ignore[no-untyped-def]
    if request.node.get_closest_marker("critical") is not None:
        record_property("critical", "1")


@pytest.fixture(scope="session")
def base_url() -> str:
    return os.environ["BASE_URL"].rstrip("/")


@pytest.fixture
def client(base_url: str):  # type: ignore[no-untyped-def]
    with httpx.Client(base_url=base_url, timeout=10.0) as c:
        yield c
