"""One oracle epoch of the suite twice in one go: the full-length load probe, then the
sequential one; both wall times and the performance verdicts side by side.

    .venv/bin/python benchmarks/sequential_probe.py [--tasks ID]... [--concurrency N]

Runs `archbench run --model oracle --epochs 1` with `--probe-length fixed` (10 s warm-up +
30 s, whatever the verdict) and then with `--probe-length full` (the same warm-up, then a look
once a second until the verdict is clear, at most 30 s). Per task it prints the performance
score and p99 of each run, the seconds measured, why the sequential probe stopped, and
whether the verdicts agree. Exit 1 when any verdict differs or a run fails.
Target (issue 16): the sequential run in at most a third of the full one's wall time, with
identical verdicts.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
LENGTHS = ("fixed", "full")
"""The full-length probe, then the sequential one (its default)."""


@dataclass(frozen=True)
class Verdict:
    status: str
    performance: float | None
    p99_ms: float | None
    measured_s: float | None
    warmup_s: float | None
    """The warm-up's length (the whole 10 s, or less where the sequential probe ended it)."""
    stop: str
    probe_s: float
    """The performance grader's time, less its wait for the host lock."""


def run(out: Path, length: str, tasks: list[str], concurrency: int) -> float:
    """`archbench run` with this probe length; its wall time."""
    cmd = [
        sys.executable, "-m", "harness", "run", "--model", "oracle", "--epochs", "1",
        "--probe-length", length, "--concurrency", str(concurrency),
        "--out", str(out), "--run-id", length,
        *(arg for task in tasks for arg in ("--tasks", task)),
    ]  # fmt: skip
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - t0
    if proc.returncode != 0:
        sys.exit(f"archbench run --probe-length {length} failed: {proc.stderr.decode()[-2000:]}")
    return wall


def verdicts(run_dir: Path) -> dict[str, Verdict]:
    """Per task: its sample's status, performance score, and how its probe ended."""
    out = {}
    for line in (run_dir / "samples.jsonl").read_text().splitlines():
        s = json.loads(line)
        task = s["task_id"]
        perf: dict[str, Any] = {}
        for path in (run_dir / "samples" / task).rglob("grader-performance.json"):
            perf = json.loads(path.read_text())
        details = perf.get("details") or {}
        full = details.get("full") or {}
        stop = (details.get("stop") or {}).get("full") or {}
        p99 = full.get("p99")
        waited = float((details.get("host") or {}).get("waited_s") or 0.0)
        out[task] = Verdict(
            s["status"],
            s.get("performance"),
            p99 * 1000 if isinstance(p99, float | int) else None,
            full.get("window_s"),
            full.get("warmup_s"),
            stop.get("reason", perf.get("reason", "") or "-"),
            max(0.0, float(perf.get("duration") or 0.0) - waited),
        )
    return out


def _num(v: float | None, fmt: str) -> str:
    return format(v, fmt) if v is not None else "-"


def _cells(v: Verdict | None) -> str:
    if v is None:
        return f"{'n/a':>6} {'-':>7} {'-':>4} {'-':>5}"
    return (
        f"{_num(v.performance, '.2f'):>6} {_num(v.p99_ms, '.1f'):>7} "
        f"{_num(v.warmup_s, '.1f'):>4} {_num(v.measured_s, '.1f'):>5}"
    )


def table(a: dict[str, Verdict], b: dict[str, Verdict]) -> tuple[list[str], int]:
    """The side-by-side lines and how many tasks' verdicts differ. Pure."""
    side = f"{'p99 ms':>7} {'wu s':>4} {'s':>5}"
    head = f"{'task':28} {'fixed':>6} {side} | {'seq':>6} {side}  same  stop"
    lines, differ = [head], 0
    for task in sorted(set(a) | set(b)):
        x, y = a.get(task), b.get(task)
        same = (
            x is not None
            and y is not None
            and (x.status, x.performance) == (y.status, y.performance)
        )
        differ += not same
        cells = [_cells(v) for v in (x, y)]
        stop = y.stop if y else "-"
        lines.append(f"{task:28} {cells[0]} | {cells[1]}  {'yes' if same else 'NO':4}  {stop}")
    return lines, differ


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", action="append", default=[], help="task id (default: all)")
    ap.add_argument("--concurrency", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        walls = {length: run(Path(tmp), length, args.tasks, args.concurrency) for length in LENGTHS}
        found = {length: verdicts(Path(tmp) / length) for length in LENGTHS}
    lines, differ = table(found["fixed"], found["full"])
    print("\n".join(lines))
    ratio = walls["full"] / walls["fixed"]
    probes = {length: sum(v.probe_s for v in found[length].values()) for length in LENGTHS}
    print(
        f"wall: full-length {walls['fixed']:.0f} s, sequential {walls['full']:.0f} s "
        f"({ratio:.2f}x; target <= 0.33x); verdicts differ on {differ} of {len(lines) - 1} tasks"
    )
    print(
        f"load probes (performance graders less their host-lock waits): full-length "
        f"{probes['fixed']:.0f} s, sequential {probes['full']:.0f} s"
    )
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
