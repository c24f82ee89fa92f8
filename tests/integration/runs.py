"""Helpers of the integration tests: the archbench CLI as a subprocess (with a canary API key
in its environment) and the runs shared by several modules (see conftest.py)."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUN_TASKS = ("crud-books", "cursor-pagination", "jwt-auth", "order-validation", "etag-concurrency")
KEY_CANARY = "sk-ant-canary-7f3e1c9d"  # set in the runs' environment; must appear nowhere


def archbench(
    *args: str, cwd: Path = REPO, timeout: float = 1800
) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "harness", *args]
    env = {**os.environ, "ANTHROPIC_API_KEY": KEY_CANARY}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def run_archbench(out: Path, run_id: str, *models: str) -> Path:
    """`archbench run` of RUN_TASKS with `models` (short load probes); the run folder."""
    proc = archbench(
        "run",
        *(a for m in models for a in ("--model", m)),
        *(a for t in RUN_TASKS for a in ("--tasks", t)),
        *("--out", str(out), "--run-id", run_id, "--concurrency", "2"),
        *("--probe-length", "short"),
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "report: " in proc.stdout
    return out / run_id
