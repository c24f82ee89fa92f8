"""Hangs and slowness are the submission's failure (issue 15): a service that answers its
health checks but hangs, answers too slowly, or crashes mid-suite is graded against crud-books'
real hidden suite and security probes in under two minutes, status `graded`, on the checks it
passed; a broken prober (a hidden module that cannot import) stays a grader error. The prober's
conftest bounds are also checked on their own, against a server inside the prober."""

import asyncio
import json
import secrets
import shutil
import time
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from harness.archive import tar_files
from harness.run.grading import GradingOutcome, GradingTarget, grade_snapshot
from harness.run.validate import snapshot_files, snapshot_of
from harness.sandbox.docker_env import labels, sweep
from harness.tasks.spec import Task, load_task

pytestmark = pytest.mark.docker
TASK = Path(__file__).resolve().parents[2] / "tasks" / "crud-books"
LIMIT_S = 120.0

HEALTH = """\
import asyncio, json, os

HEALTH = ("/healthz", "/readyz")


async def answer(send, status=200, body=b'{"status": "ok"}'):
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def drain(receive):
    message = {"more_body": True}
    while message.get("more_body"):
        message = await receive()
"""
LATE = (
    HEALTH
    + """
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    if scope["path"] in HEALTH:
        return await answer(send)
    await drain(receive)
    await asyncio.sleep(LATE_S)
    await answer(send, 404, b'{"detail": "late"}')
"""
)
"""Answers its health checks at once, and every other request after LATE_S seconds."""
HANGING = LATE.replace("LATE_S", "10**6")
SLOW = LATE.replace("LATE_S", "14")
CRASHING = """\
import os

from app.reference_main import app as reference

SERVED = [0]


async def app(scope, receive, send):
    if scope["type"] == "http" and scope["path"] not in ("/healthz", "/readyz"):
        SERVED[0] += 1
        if SERVED[0] > 30:
            os._exit(1)
    await reference(scope, receive, send)
"""


@pytest.fixture
def target(docker_client: Any, images: Any) -> Any:
    t = GradingTarget(docker_client, images, f"hang-{secrets.token_hex(3)}")
    yield t
    t.close()
    sweep(docker_client, t.run_id)


def _workspace(main: str) -> bytes:
    return snapshot_files({"app/__init__.py": b"", "app/main.py": main.encode()})


def _crashing_reference(task: Task) -> bytes:
    """The reference, exiting after its 30th request other than health checks."""
    from harness.run.grading import reference_tree

    files = reference_tree(task)
    files["app/reference_main.py"] = files["app/main.py"]
    files["app/main.py"] = CRASHING.encode()
    return snapshot_files(files)


def _grade(target: GradingTarget, task: Task, snapshot: bytes, out: Path) -> tuple[Any, float]:
    start = time.monotonic()
    outcome = asyncio.run(grade_snapshot(target, task, snapshot, out))
    return outcome, time.monotonic() - start


def _by_grader(outcome: GradingOutcome) -> dict[str, Any]:
    return {r.grader: r for r in outcome.results}


def _timings(outcome: GradingOutcome, elapsed: float) -> str:
    """What `-s` shows: the grading's wall time, and each grader's."""
    parts = [f"{r.grader} {r.duration:.1f} s" for r in outcome.results if r.status != "skipped"]
    return f"{outcome.status} in {elapsed:.1f} s ({', '.join(parts)})"


@pytest.mark.parametrize("kind", ["hanging", "slow"])
def test_a_service_that_never_answers_in_time_is_graded_zero_quickly(
    target: Any, kind: str, tmp_path: Path
) -> None:
    task = load_task(TASK)
    main = {"hanging": HANGING, "slow": SLOW}[kind]
    outcome, elapsed = _grade(target, task, _workspace(main), tmp_path)

    assert outcome.status == "graded", outcome.reason
    results = _by_grader(outcome)
    functional, security = results["functional"], results["security"]
    assert functional.status == "ok" and functional.score is not None
    assert functional.score < 0.2, [c.name for c in functional.checks if c.outcome == "passed"]
    assert "unanswered" in functional.reason
    assert any("service stopped answering" in c.message for c in functional.checks)
    assert security.status == "ok" and security.score == 0.0, security.reason
    assert "critical exploit" not in security.reason  # a hang is no evidence of an exploit
    assert elapsed < LIMIT_S, f"grading took {elapsed:.1f} s"
    print(f"{kind}: functional {functional.score:.3f}, {_timings(outcome, elapsed)}")


def test_a_service_that_crashes_mid_suite_keeps_the_checks_it_passed(
    target: Any, tmp_path: Path
) -> None:
    task = load_task(TASK)
    outcome, elapsed = _grade(target, task, _crashing_reference(task), tmp_path)

    assert outcome.status == "graded", outcome.reason
    functional = _by_grader(outcome)["functional"]
    assert functional.status == "ok" and functional.score is not None
    assert 0.0 < functional.score < 1.0
    assert functional.details["unanswered"] >= 1
    assert elapsed < LIMIT_S, f"grading took {elapsed:.1f} s"
    print(f"crashing: functional {functional.score:.3f}, {_timings(outcome, elapsed)}")


def test_a_broken_prober_is_a_grader_error(target: Any, tmp_path: Path) -> None:
    root = tmp_path / "crud-books"
    shutil.copytree(TASK, root)
    (root / "hidden" / "test_broken.py").write_text("import archbench_no_such_module\n")
    task = load_task(root)
    out = tmp_path / "out"
    out.mkdir()
    snapshot = snapshot_of(task.path("workspace"), task.path("solution"))
    outcome, _ = _grade(target, task, snapshot, out)

    assert outcome.status == "grader_error"
    assert outcome.reason == "functional: pytest exit 2 (interrupted)"


SERVER = b"""\
import sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/healthz":
            time.sleep(1000)
        self.send_response(200)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", 8000), Handler).serve_forever()
"""
SUITE = b"""\
import threading, time
import httpx
import pytest

@pytest.mark.critical
def test_health(client):
    assert client.get("/healthz").status_code == 200

def test_sleeps_past_its_bound():
    time.sleep(100)

def test_threads_left_waiting():
    for _ in range(4):
        threading.Thread(target=time.sleep, args=(300,)).start()
    time.sleep(100)

def test_one(client):
    client.get("/a")

def test_two(client):
    client.get("/b")

def test_after_the_breaker_opened(client):
    client.get("/healthz")
"""
RUN = """\
python server.py & sleep 1
python -m pytest -p no:cacheprovider -q -rN --tb=line -o junit_family=legacy \
  --junitxml=/tmp/j.xml tests
echo "exit=$?"
"""


def test_the_conftest_bounds_requests_tests_and_threads(docker_client: Any, images: Any) -> None:
    run_id = f"bounds-{secrets.token_hex(3)}"
    conftest = (resources.files("graders.prober") / "conftest.py").read_bytes()
    files = [("conftest.py", conftest), ("server.py", SERVER), ("tests/test_s.py", SUITE)]
    env = {
        "BASE_URL": "http://127.0.0.1:8000",
        "ARCHBENCH_REQUEST_TIMEOUT": "1",
        "ARCHBENCH_TEST_TIMEOUT": "2",
        "ARCHBENCH_PROGRESS": "/tmp/progress.jsonl",
    }
    prober = docker_client.containers.run(
        images.prober, ["sleep", "300"], detach=True, labels=labels(run_id), init=True
    )
    try:
        prober.put_archive("/grader", tar_files(files))
        start = time.monotonic()
        run = prober.exec_run(["sh", "-c", RUN], environment=env, workdir="/grader")
        elapsed = time.monotonic() - start
        output = run.output.decode()
        progress = prober.exec_run(["cat", "/tmp/progress.jsonl"]).output.decode()
    finally:
        sweep(docker_client, run_id)
    assert "exit=1" in output, output
    assert elapsed < 20, f"{elapsed:.1f} s: {output}"  # not 100 s sleeps, not 300 s threads
    rows = {r["name"].split("::")[1]: r for r in map(json.loads, progress.splitlines())}
    assert rows["test_health"]["outcome"] == "passed"
    assert rows["test_sleeps_past_its_bound"] == {
        "name": "tests.test_s::test_sleeps_past_its_bound",
        "outcome": "failed",
        "critical": False,
        "unanswered": True,
    }
    assert rows["test_one"]["unanswered"] and rows["test_two"]["unanswered"]
    assert rows["test_after_the_breaker_opened"]["outcome"] == "error"
    assert "service stopped answering: 3 tests in a row" in output
