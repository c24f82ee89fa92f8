"""Grading overhead: wall time of grading each reference against the time its hidden tests
alone take (the functional grader's pytest run, measured inside the same grading).

    .venv/bin/python benchmarks/grading_overhead.py [TASK_ID ...]

For each task: the reference snapshot is graded with the functional grader only (fresh network,
app container from the snapshot, offline pip install, service start, readiness, prober, pytest,
teardown). Prints per-task seconds and the ratio of the whole suite's wall time (from the
first grading's start until the last one's containers are removed: teardown runs in the
background, overlapping the next grading) to the sum of bare hidden-test times, and how much
of the difference was spent waiting for the service to answer /readyz.
Target: <= 1.3x.
"""

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from harness.docker_env import connect, sweep
from harness.grading import GradingTarget, grade_snapshot, reference_snapshot
from harness.images import ensure_images
from harness.tasks import load_tasks, select_tasks

ROOT = Path(__file__).resolve().parent.parent


async def one(target: GradingTarget, task: object, out: Path) -> tuple[float, float, float]:
    t = time.perf_counter()
    outcome = await grade_snapshot(
        target,
        task,
        reference_snapshot(task),
        out,
        only=frozenset({"functional"}),  # type: ignore[arg-type]
    )
    wall = time.perf_counter() - t
    functional = next(r for r in outcome.results if r.grader == "functional")
    return wall, functional.duration, outcome.startup_seconds or 0.0


def main() -> None:
    client = connect()
    images = ensure_images(client, cache_dir=ROOT / ".cache", progress=lambda _: None)
    tasks = select_tasks(load_tasks(ROOT / "tasks"), sys.argv[1:])
    target = GradingTarget(client, images, "bench-grading")
    walls, bares, readies = [], [], []
    suite_start = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for task in tasks:
                out = Path(tmp) / task.id
                out.mkdir()
                wall, bare, startup = asyncio.run(one(target, task, out))
                walls.append(wall)
                bares.append(bare)
                readies.append(startup)
                print(
                    f"{task.id:24s} grading {wall:6.1f} s   hidden tests {bare:6.1f} s   "
                    f"service ready {startup:5.1f} s after its container started"
                )
        target.close()
        suite = time.perf_counter() - suite_start
    finally:
        target.close()
        sweep(client, "bench-grading")
    print(
        f"total: suite wall {suite:.1f} s (gradings {sum(walls):.1f} s, teardown tail "
        f"{suite - sum(walls):.1f} s), bare hidden tests {sum(bares):.1f} s, "
        f"ratio {suite / sum(bares):.2f} (target <= 1.3)"
    )
    overhead = suite - sum(bares)
    print(
        f"overhead {overhead:.1f} s: {sum(readies):.1f} s from the app container's start to "
        f"/readyz (the service's own start), {overhead - sum(readies):.1f} s the rest (network, "
        "containers, copies, readiness polling, teardown tail)"
    )


if __name__ == "__main__":
    main()
