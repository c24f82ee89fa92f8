"""Shared fixtures for hidden tests, copied into the prober container only (never the sandbox)."""

import os
import threading
import time

import httpx
import pytest


def pytest_collection_finish(session: pytest.Session) -> None:
    """Held hidden tests (the harness sets ARCHBENCH_HOLD to a file path): pytest has started
    and collected while the service booted; wait here until that file says `go` (run the tests,
    within ARCHBENCH_HOLD_TIMEOUT seconds from now, exit 124 otherwise, as `timeout` would) or
    `stop` (the service never got ready: exit at once)."""
    hold = os.environ.get("ARCHBENCH_HOLD")
    if not hold:
        return
    word = ""
    while word not in ("go", "stop"):
        time.sleep(0.005)
        try:
            with open(hold) as f:
                word = f.read()
        except FileNotFoundError:
            pass
    if word != "go":
        os._exit(2)
    timer = threading.Timer(float(os.environ["ARCHBENCH_HOLD_TIMEOUT"]), os._exit, (124,))
    timer.daemon = True
    timer.start()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "critical: a check the task cannot be resolved without")
    config.addinivalue_line("markers", "probe(id, cwe=None, critical=False): a security probe")


@pytest.fixture(autouse=True)
def _mark_critical(request: pytest.FixtureRequest, record_property) -> None:  # type: ignore[no-untyped-def]
    if request.node.get_closest_marker("critical") is not None:
        record_property("critical", "1")


@pytest.fixture(scope="session")
def base_url() -> str:
    return os.environ["BASE_URL"].rstrip("/")


@pytest.fixture
def client(base_url: str):  # type: ignore[no-untyped-def]
    # Plain HTTP on the internal network: verify=False skips loading the CA bundle (34 ms per
    # client, once per test). A fresh client per test keeps cookies from leaking between tests.
    with httpx.Client(base_url=base_url, timeout=10.0, verify=False) as c:
        yield c


@pytest.fixture(autouse=True)
def _mark_probe(request: pytest.FixtureRequest, record_property) -> None:  # type: ignore[no-untyped-def]
    """Security probes: `@pytest.mark.probe("SP-BOLA", cwe=639, critical=True)`."""
    marker = request.node.get_closest_marker("probe")
    if marker is not None:
        record_property("probe", marker.args[0] if marker.args else request.node.name)
        if "cwe" in marker.kwargs:
            record_property("cwe", str(marker.kwargs["cwe"]))
        if marker.kwargs.get("critical"):
            record_property("exploit_critical", "1")
