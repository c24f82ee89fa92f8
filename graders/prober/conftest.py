"""Shared fixtures for hidden tests, copied into the prober container only (never the sandbox).

Besides the fixtures, it bounds how long a service can keep the hidden tests waiting, so a
service that hangs, answers slowly or crashes fails its checks in seconds instead of running
the suite into its timeout (see README, "Hangs and slow services"):

- every httpx request to the service (BASE_URL's host) has its timeouts cut to
  ARCHBENCH_REQUEST_TIMEOUT seconds, whatever client the test made;
- every test (setup, call, teardown) has ARCHBENCH_TEST_TIMEOUT seconds, and the whole run
  ARCHBENCH_SUITE_BUDGET seconds from the first test on;
- a circuit breaker: after BREAKER_MISSES tests in a row that the service left unanswered (a
  request timed out or found nothing listening once the service was ready, or the test ran past
  its bound), every later request and test fails at once with "service stopped answering: ...".
  Its count is kept in BREAKER_FILE, so the next pytest run in this prober (the security probes)
  starts one miss short of open: one answer closes it again, one more miss opens it.

A test that failed while the service left it unanswered carries the property `unanswered`, and
ARCHBENCH_PROGRESS (a path) gets one JSON line per finished test, so a run killed from outside
can still be scored on the tests it finished.
"""

import contextlib
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

BREAKER_MISSES = 3
BREAKER_FILE = "/tmp/archbench-breaker.json"
UNANSWERED = "service stopped answering"
"""The prefix of every failure the breaker or a time bound causes."""
TEARDOWN_ALLOWANCE_S = 10.0
EXIT_GRACE_S = 2.0
"""How long pytest waits at exit for threads a test left behind before it exits anyway."""


def _seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    return float(value) if value else default


REQUEST_TIMEOUT = _seconds("ARCHBENCH_REQUEST_TIMEOUT", 10.0)
TEST_TIMEOUT = _seconds("ARCHBENCH_TEST_TIMEOUT", 60.0)
SUITE_BUDGET = _seconds("ARCHBENCH_SUITE_BUDGET", 0.0)
"""0: no budget of its own (the caller's `timeout` still ends the run)."""
SERVICE_HOST = urlsplit(os.environ.get("BASE_URL", "")).hostname or ""


class Breaker:
    """Tests in a row that the service left unanswered, kept in a file across pytest runs in
    this prober. Counted per test, not per request: one burst of timeouts is one miss."""

    def __init__(self, path: str, threshold: int) -> None:
        self.path, self.threshold = path, threshold
        saved = self._load()
        self.misses = min(int(saved.get("misses", 0)), threshold - 1)
        self.reason = str(saved.get("reason", ""))

    def _load(self) -> dict[str, Any]:
        try:
            with open(self.path) as f:
                data = json.load(f)
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self) -> None:
        try:
            with open(self.path, "w") as f:
                json.dump({"misses": self.misses, "reason": self.reason}, f)
        except OSError:
            pass

    @property
    def open(self) -> bool:
        return self.misses >= self.threshold

    def miss(self, reason: str) -> None:
        self.misses, self.reason = self.misses + 1, reason
        self._save()

    def answered(self) -> None:
        if self.misses:
            self.misses = 0
            self._save()

    def check(self) -> None:
        """Fail the caller at once while the breaker is open."""
        if self.open:
            _test["blocked"] = True
            pytest.fail(f"{UNANSWERED}: {self.misses} tests in a row, last {self.reason}", False)


BREAKER = Breaker(BREAKER_FILE, BREAKER_MISSES)
_test: dict[str, Any] = {}
"""The running test: its last miss (empty: none), whether the breaker failed it, whether the
service answered it, its time bound, its outcome so far."""
_suite: dict[str, Any] = {"start": None, "exit": None}

MISSES = (httpx.TimeoutException, httpx.ConnectError)
"""A request the service left unanswered: it timed out, or nothing listens any more."""


def _clamp(request: httpx.Request) -> None:
    timeouts = request.extensions.get("timeout")
    if isinstance(timeouts, dict):
        request.extensions["timeout"] = {
            k: REQUEST_TIMEOUT if v is None else min(float(v), REQUEST_TIMEOUT)
            for k, v in timeouts.items()
        }


def _missed(request: httpx.Request, error: Exception) -> None:
    _test["missed"] = f"{request.method} {request.url.path}: {type(error).__name__}"


def _bound_sync(send: Callable[[Any, httpx.Request], httpx.Response]) -> Any:
    def handle_request(self: Any, request: httpx.Request) -> httpx.Response:
        if request.url.host != SERVICE_HOST:
            return send(self, request)
        BREAKER.check()
        _clamp(request)
        try:
            response = send(self, request)
        except MISSES as e:
            _missed(request, e)
            raise
        _test["answered"] = True
        return response

    return handle_request


def _bound_async(send: Any) -> Any:
    async def handle_async_request(self: Any, request: httpx.Request) -> httpx.Response:
        if request.url.host != SERVICE_HOST:
            return await send(self, request)  # type: ignore[no-any-return]
        BREAKER.check()
        _clamp(request)
        try:
            response = await send(self, request)
        except MISSES as e:
            _missed(request, e)
            raise
        _test["answered"] = True
        return response  # type: ignore[no-any-return]

    return handle_async_request


httpx.HTTPTransport.handle_request = _bound_sync(httpx.HTTPTransport.handle_request)  # type: ignore[method-assign]
httpx.AsyncHTTPTransport.handle_async_request = _bound_async(  # type: ignore[method-assign]
    httpx.AsyncHTTPTransport.handle_async_request
)


def _budget_left() -> float:
    start = _suite["start"]
    if not SUITE_BUDGET or start is None:
        return float("inf")
    return float(start + SUITE_BUDGET - time.monotonic())


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if _budget_left() <= 0:
        pytest.fail(f"the hidden tests' time budget ({SUITE_BUDGET:g} s) ran out", False)
    _test["missed"] = f"the test ran past its {TEST_TIMEOUT:g} s bound"
    pytest.fail(f"{UNANSWERED}: the test ran past its {TEST_TIMEOUT:g} s bound", False)


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """SIGALRM (which fails the running test) after `seconds`, in the main thread only."""
    main = threading.current_thread() is threading.main_thread()
    if main:
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.01))
    try:
        yield
    finally:
        if main:
            signal.setitimer(signal.ITIMER_REAL, 0)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    deadline = time.monotonic() + min(TEST_TIMEOUT, _budget_left())
    _test.update(missed="", blocked=False, answered=False, deadline=deadline, outcome="passed")
    with _alarm(deadline - time.monotonic()):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    with _alarm(_test["deadline"] - time.monotonic()):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    with _alarm(max(_test["deadline"] - time.monotonic(), TEARDOWN_ALLOWANCE_S)):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    unanswered = _test["missed"] or _test["blocked"]
    if report.failed and unanswered and ("unanswered", "1") not in item.user_properties:
        item.user_properties.append(("unanswered", "1"))
    if report.failed and _test["outcome"] == "passed":
        _test["outcome"] = "failed" if report.when == "call" else "error"
    elif report.skipped and _test["outcome"] == "passed":
        _test["outcome"] = "skipped"
    if report.when == "teardown":
        _end_test(item)
    return report


def _end_test(item: pytest.Item) -> None:
    if _test["missed"]:
        BREAKER.miss(_test["missed"])
    elif _test["answered"]:
        BREAKER.answered()
    _log_progress("a", [_progress_line(item, _test["outcome"])])


def _progress_line(item: pytest.Item, outcome: str) -> dict[str, Any]:
    return {
        "name": junit_name(item.nodeid),
        "outcome": outcome,
        "critical": item.get_closest_marker("critical") is not None,
        "unanswered": ("unanswered", "1") in item.user_properties,
    }


def _log_progress(mode: str, lines: list[dict[str, Any]]) -> None:
    """ARCHBENCH_PROGRESS (when set) gets the lines graders/progress.py parses."""
    path = os.environ.get("ARCHBENCH_PROGRESS")
    if path:
        with open(path, mode) as f:
            f.writelines(json.dumps(line) + "\n" for line in lines)


def junit_name(nodeid: str) -> str:
    """The check name parse_junit gives this test (`tests.test_x::test_y[p]`)."""
    parts = nodeid.split("::")
    module = parts[0].removesuffix(".py").replace("/", ".")
    return "::".join([".".join([module, *parts[1:-1]]), parts[-1]])


def pytest_collection_finish(session: pytest.Session) -> None:
    """Held hidden tests (the harness sets ARCHBENCH_HOLD to a file path): pytest has started
    and collected while the service booted; wait here until that file says `go` (run the tests,
    within ARCHBENCH_HOLD_TIMEOUT seconds from now, exit 124 otherwise, as `timeout` would) or
    `stop` (the service never got ready: exit at once). The suite's budget counts from here."""
    _log_progress("w", [_progress_line(item, "pending") for item in session.items])
    _hold()
    _suite["start"] = time.monotonic()


def _hold() -> None:
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


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _suite["exit"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Threads a test left waiting on the service (a burst's workers) would keep pytest from
    exiting after it has written its results: give them a moment, then exit regardless."""
    deadline = time.monotonic() + EXIT_GRACE_S
    for t in threading.enumerate():
        if t is not threading.current_thread() and not t.daemon:
            t.join(max(deadline - time.monotonic(), 0))
    if _suite["exit"] is not None and any(
        t.is_alive() and not t.daemon and t is not threading.current_thread()
        for t in threading.enumerate()
    ):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_suite["exit"])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "critical: a check the task cannot be resolved without")
    config.addinivalue_line("markers", "probe(id, cwe=None, critical=False): a security probe")


@pytest.fixture(autouse=True)
def _service_answers() -> None:
    """Every test fails at once while the breaker is open or the suite's budget is spent."""
    if _budget_left() <= 0:
        pytest.fail(f"the hidden tests' time budget ({SUITE_BUDGET:g} s) ran out", False)
    BREAKER.check()


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
