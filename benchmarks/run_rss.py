"""Peak RSS of the harness process during an N-sample oracle run.

    .venv/bin/python benchmarks/run_rss.py [--samples 100] [--task crud-books] [--concurrency 4]

Runs `archbench run --model oracle --tasks TASK --epochs N --probe-length short` in a child
process, samples its resident set size (and its children's: the harness starts none that stay)
every 0.2 s from /proc, and prints the peak with the wall time and the samples' statuses.
Target: < 300 MB for 100 samples.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def rss_kib(pid: int) -> int:
    """VmRSS of one process in KiB (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return 0
    return 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=100)
    ap.add_argument("--task", default="crud-books")
    ap.add_argument("--concurrency", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable, "-m", "harness", "run", "--model", "oracle",
            "--tasks", args.task, "--epochs", str(args.samples),
            "--probe-length", "short", "--concurrency", str(args.concurrency),
            "--out", tmp, "--run-id", "rss",
        ]  # fmt: skip
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, rss_kib(proc.pid))
            time.sleep(0.2)
        wall = time.monotonic() - t0
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.returncode != 0:
            sys.exit(f"archbench run failed ({proc.returncode}): {err[-2000:]}")
        lines = (Path(tmp) / "rss" / "samples.jsonl").read_text().splitlines()
        statuses = Counter(json.loads(x)["status"] for x in lines)
        scores = Counter(json.loads(x)["score"] for x in lines)
    print(f"samples: {len(lines)} ({dict(statuses)}; scores {dict(scores)})")
    print(f"wall: {wall:.0f} s ({wall / max(1, len(lines)):.1f} s per sample at "
          f"concurrency {args.concurrency})")  # fmt: skip
    print(f"harness peak RSS: {peak / 1024:.0f} MiB (target < 300 MB)")


if __name__ == "__main__":
    main()
