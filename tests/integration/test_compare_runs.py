"""Compare real runs: the oracle against itself passes, and the oracle against the `mutant`
model (which writes each task's first mutant instead of the reference) is a REGRESSION."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.docker
REPO = Path(__file__).resolve().parents[2]
TASKS = ("crud-books", "cursor-pagination", "jwt-auth", "order-validation", "etag-concurrency")


def archbench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, images: Any) -> Path:
    out = tmp_path_factory.mktemp("results")
    task_args = [a for t in TASKS for a in ("--tasks", t)]
    for model in ("oracle", "mutant"):
        proc = archbench(
            "run",
            "--model",
            model,
            *task_args,
            "--out",
            str(out),
            "--run-id",
            model,
            "--concurrency",
            "2",
            "--probe-length",
            "short",
        )
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


def test_a_run_compared_with_itself_passes(runs: Path) -> None:
    proc = archbench("compare", str(runs / "oracle"), str(runs / "oracle"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "VERDICT: PASS" in proc.stdout


def test_oracle_vs_mutant_is_a_regression(runs: Path) -> None:
    proc = archbench("compare", str(runs / "oracle"), str(runs / "mutant"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "VERDICT: REGRESSION" in proc.stdout
    assert "test: sign-flip permutation, p = 0.03125" in proc.stdout
    worse = next(line for line in proc.stdout.splitlines() if line.startswith("got worse:"))
    assert all(task in worse for task in TASKS)
    (runs / "compare-oracle-vs-mutant.md").write_text(proc.stdout)


def test_replaying_the_oracle_run_reproduces_its_scores(runs: Path) -> None:
    task_args = [a for t in TASKS for a in ("--tasks", t)]
    proc = archbench(
        "run",
        "--model",
        f"replay:{runs / 'oracle'}",
        *task_args,
        "--out",
        str(runs),
        "--run-id",
        "replayed",
        "--concurrency",
        "2",
        "--probe-length",
        "short",
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    same = archbench("compare", str(runs / "oracle"), str(runs / "replayed"))
    assert "VERDICT: PASS" in same.stdout, same.stdout
    assert "difference (candidate - base): +0.0 pts" in same.stdout
