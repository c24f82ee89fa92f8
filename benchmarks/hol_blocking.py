"""Head-of-line blocking: how long a hanging grading holds back another sample's load probe.

    .venv/bin/python benchmarks/hol_blocking.py [--task crud-books] [--probe-length full|short]
                                                [--lead -20] [--hang-grace 180]

Two archbench processes side by side, as two runs on one host would be, each grading one
workspace of the task (which must declare [load]):

- "hanging": a service that answers /healthz and /readyz and hangs on every other request;
  its grading holds the host lock shared for as long as its hidden tests run;
- "reference": the task's reference; its load probe asks for cores and quiet while the
  hanging grading still runs. `--lead S`: the reference starts S seconds after the hanging
  grading (negative: |S| seconds before it; the default -20 s puts the reference's probe in
  the middle of the hanging grading's hidden tests).

Prints the reference's probe waits from grader-performance.json (`details.host`: for cores,
for quiet, contended) and both gradings' times. The quiet wait must stay within
harness.sandbox.hostlock.QUIET_BOUND_S (30 s) however long the hanging grading runs. The
hanging grading gets `--hang-grace` seconds after the reference ends, then is stopped
(Ctrl-C) and swept.
"""

import argparse
import asyncio
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from graders.performance import PROBE_LENGTHS
from harness.archive import tar_files
from harness.images import ensure_images
from harness.run.grading import GradingTarget, grade_snapshot, reference_snapshot
from harness.sandbox.docker_env import connect, sweep
from harness.sandbox.hostlock import QUIET_BOUND_S
from harness.tasks.spec import load_tasks, select_tasks

ROOT = Path(__file__).resolve().parent.parent
HANGING_APP = b'''"""Answers the health checks, hangs on everything else."""
import asyncio

from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
@app.get("/readyz")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def hang(path: str) -> None:
    await asyncio.sleep(3600)
'''


def hanging_snapshot() -> bytes:
    files = [("workspace/app/__init__.py", b""), ("workspace/app/main.py", HANGING_APP)]
    return tar_files(files, uid=1000)


async def grade_one(kind: str, task_id: str, probe_length: str) -> dict[str, Any]:
    """Grade one workspace in this process: its status, times and performance details."""
    client = connect()
    images = ensure_images(client, cache_dir=ROOT / ".cache", progress=lambda _: None)
    task = select_tasks(load_tasks(ROOT / "tasks"), [task_id])[0]
    run_id = f"bench-hol-{kind}-{int(time.time())}"
    target = GradingTarget(client, images, run_id, probe=PROBE_LENGTHS[probe_length])
    snapshot = reference_snapshot(task) if kind == "reference" else hanging_snapshot()
    started = time.time()
    try:
        with tempfile.TemporaryDirectory() as out:
            outcome = await grade_snapshot(target, task, snapshot, Path(out))
    finally:
        target.close()
        sweep(client, run_id)
    perf = next((r for r in outcome.results if r.grader == "performance"), None)
    return {
        "kind": kind,
        "status": outcome.status,
        "reason": outcome.reason,
        "started": started,
        "ended": time.time(),
        "performance": None if perf is None else {"status": perf.status, "score": perf.score},
        "perf_seconds": None if perf is None else perf.duration,
        "host": None if perf is None else perf.details.get("host"),
    }


def spawn(kind: str, args: argparse.Namespace) -> subprocess.Popen[str]:
    cmd = [sys.executable, __file__, "--one", kind, "--task", args.task]
    return subprocess.Popen(
        [*cmd, "--probe-length", args.probe_length], stdout=subprocess.PIPE, text=True
    )


def result_of(proc: subprocess.Popen[str], timeout: float | None) -> dict[str, Any] | None:
    """The child's last output line as JSON, or None when it had to be stopped."""
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=120)
        return None
    lines = out.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"a grading process exited {proc.returncode}: {out[-500:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def report(ref: dict[str, Any], hang: dict[str, Any] | None, hang_started: float) -> None:
    host = ref["host"] or {}
    print(
        f"reference: {ref['status']}, performance {ref['performance']}, "
        f"grading {ref['ended'] - ref['started']:.1f} s"
    )
    if not host:
        print("the reference's probe did not run: no wait to report")
        return
    probe_asked = ref["ended"] - (ref["perf_seconds"] or 0.0)
    print(
        f"reference probe waited {host['waited_s']:.1f} s: {host['cores_wait_s']:.1f} s for "
        f"cores, {host['quiet_wait_s']:.1f} s for quiet (bound {QUIET_BOUND_S:g} s), "
        f"contended={host['contended']}"
    )
    if hang is None:
        print(
            f"hanging grading: still running {time.time() - hang_started:.0f} s after its "
            "start; stopped"
        )
        return
    overlapped = hang["ended"] > probe_asked
    print(
        f"hanging grading: {hang['status']} ({hang['reason'][:100]}), "
        f"{hang['ended'] - hang['started']:.1f} s; it was still running when the reference's "
        f"probe asked for the lock: {'yes' if overlapped else 'no (nothing was shown)'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", default="crud-books")
    parser.add_argument("--probe-length", choices=sorted(PROBE_LENGTHS), default="full")
    parser.add_argument("--lead", type=float, default=-20.0)
    parser.add_argument("--hang-grace", type=float, default=180.0)
    parser.add_argument("--one", choices=["hanging", "reference"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(asyncio.run(grade_one(args.one, args.task, args.probe_length))))
        return
    first, second = ("hanging", "reference") if args.lead >= 0 else ("reference", "hanging")
    procs = {first: spawn(first, args)}
    time.sleep(abs(args.lead))
    procs[second] = spawn(second, args)
    hanging, reference = procs["hanging"], procs["reference"]
    hang_started = time.time() - (abs(args.lead) if first == "hanging" else 0.0)
    ref = result_of(reference, None)
    assert ref is not None
    report(ref, result_of(hanging, args.hang_grace), hang_started)


if __name__ == "__main__":
    main()
