"""Grading overhead: the whole reference suite's grading wall time against the time its hidden
tests alone take.

    .venv/bin/python benchmarks/grading_overhead.py [TASK_ID ...]

Two passes over the tasks, one after the other, each grading every reference with the
functional grader only (network, app container from the snapshot, service start, readiness,
prober, pytest, teardown):

1. in order, nothing ahead (`GradingTarget(ahead=False)`): the hidden tests start once the
   service is ready and nothing else runs meanwhile, so the functional grader's time is the
   bare hidden-test time (pytest's start, collection and tests against a ready service);
2. as runs grade (`ahead=True`): a grading shell made ahead for the next grading, and the hidden
   tests started (pytest's start and collection) while the service boots.

Each pass's suite wall time runs from its first grading's start until its last containers are
removed (teardown runs in the background, overlapping the next grading). Prints both passes'
ratios to the sum of bare hidden-test times (pass 1), and where the overhead goes.
Target: <= 1.3x.
"""

import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.images import ensure_images
from harness.run.grading import GradingTarget, grade_snapshot, reference_snapshot
from harness.sandbox.docker_env import connect, sweep
from harness.tasks.spec import Task, load_tasks, select_tasks

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Graded:
    wall: float
    tests: float
    """The functional grader's time: from the service's readiness to the tests' end."""
    startup: float
    """From the app's payload (workspace, start script) to two 200s on /readyz."""


@dataclass(frozen=True)
class Pass:
    suite: float
    graded: dict[str, Graded]


async def one(target: GradingTarget, task: Task, out: Path) -> Graded:
    t = time.perf_counter()
    outcome = await grade_snapshot(
        target, task, reference_snapshot(task), out, only=frozenset({"functional"})
    )
    wall = time.perf_counter() - t
    functional = next(r for r in outcome.results if r.grader == "functional")
    if functional.score != 1.0:
        raise SystemExit(f"{task.id}: the reference scored {functional.score} ({outcome.reason})")
    return Graded(wall, functional.duration, outcome.startup_seconds or 0.0)


def grading_pass(client: Any, images: Any, tasks: list[Task], *, ahead: bool) -> Pass:
    run_id = f"bench-grading-{'ahead' if ahead else 'inorder'}"
    target = GradingTarget(client, images, run_id, ahead=ahead)
    graded: dict[str, Graded] = {}
    start = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for task in tasks:
                out = Path(tmp) / task.id
                out.mkdir()
                graded[task.id] = asyncio.run(one(target, task, out))
        target.close()
        suite = time.perf_counter() - start
    finally:
        target.close()
        sweep(client, run_id)
    return Pass(suite, graded)


def main() -> None:
    client = connect()
    images = ensure_images(client, cache_dir=ROOT / ".cache", progress=lambda _: None)
    tasks = select_tasks(load_tasks(ROOT / "tasks"), sys.argv[1:])
    in_order = grading_pass(client, images, tasks, ahead=False)
    ahead = grading_pass(client, images, tasks, ahead=True)
    for task in tasks:
        a, b = in_order.graded[task.id], ahead.graded[task.id]
        print(
            f"{task.id:24s} bare tests {a.tests:5.1f} s | in order: grading {a.wall:5.1f} s, "
            f"service start {a.startup:4.1f} s | ahead: grading {b.wall:5.1f} s, service start "
            f"{b.startup:4.1f} s, tests after ready {b.tests:5.1f} s"
        )
    bare = sum(g.tests for g in in_order.graded.values())
    print(f"bare hidden tests (pass 1, functional grader's time): {bare:.1f} s")
    for name, p in (("in order", in_order), ("ahead", ahead)):
        walls = sum(g.wall for g in p.graded.values())
        starts = sum(g.startup for g in p.graded.values())
        tests = sum(g.tests for g in p.graded.values())
        overhead = p.suite - bare
        print(
            f"{name:8s}: suite wall {p.suite:.1f} s (teardown tail {p.suite - walls:.1f} s), "
            f"ratio {p.suite / bare:.2f} (target <= 1.3); overhead {overhead:.1f} s = "
            f"{starts:.1f} s services' own start + {tests - bare:+.1f} s tests after ready vs "
            f"bare + {overhead - starts - (tests - bare):.1f} s the rest (network, containers, "
            "copies, readiness polling, teardown tail)"
        )


if __name__ == "__main__":
    main()
