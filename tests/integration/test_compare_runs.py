"""Compare real runs: the oracle against itself passes, and the oracle against the `mutant`
model (which writes each task's first mutant instead of the reference) is a REGRESSION; a
replay of recorded oracle trajectories reproduces their scores."""

from pathlib import Path

import pytest

from integration.runs import RUN_TASKS, archbench

pytestmark = pytest.mark.docker
ORACLE = ("--base-model", "oracle", "--cand-model", "oracle")


def test_a_run_compared_with_itself_passes(oracle_noop_run: Path) -> None:
    proc = archbench("compare", str(oracle_noop_run), str(oracle_noop_run), *ORACLE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "VERDICT: PASS" in proc.stdout


def test_oracle_vs_mutant_is_a_regression(oracle_noop_run: Path, mutant_run: Path) -> None:
    proc = archbench("compare", str(oracle_noop_run), str(mutant_run), "--base-model", "oracle")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "VERDICT: REGRESSION" in proc.stdout
    assert "test: sign-flip permutation, p = 0.03125" in proc.stdout
    assert "models differ: base oracle, candidate mutant" in proc.stdout
    worse = next(line for line in proc.stdout.splitlines() if line.startswith("got worse:"))
    assert all(task in worse for task in RUN_TASKS)
    (mutant_run.parent / "compare-oracle-vs-mutant.md").write_text(proc.stdout)


def test_replaying_the_oracle_run_reproduces_its_scores(oracle_noop_run: Path) -> None:
    replayed = RUN_TASKS[:2]
    proc = archbench(
        "run",
        *("--model", f"replay:{oracle_noop_run}#oracle"),
        *(a for t in replayed for a in ("--tasks", t)),
        *("--out", str(oracle_noop_run.parent), "--run-id", "replayed"),
        *("--concurrency", "2", "--probe-length", "short"),
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    same = archbench(
        "compare", str(oracle_noop_run), str(oracle_noop_run.parent / "replayed"),
        "--base-model", "oracle",
    )  # fmt: skip
    assert "VERDICT" in same.stdout, same.stdout + same.stderr
    assert "difference (candidate - base): +0.0 pts" in same.stdout
    assert (
        f"tasks in one run only (not compared): {', '.join(sorted(RUN_TASKS[2:]))}" in same.stdout
    )
