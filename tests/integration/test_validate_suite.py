"""The quick form of `archbench tasks validate` over the whole suite: every reference scores
1.0 (security and load probes included, short probes), every mutant is caught by a hidden
check (its hidden tests stop at the first killer: --first-kill), every security probe fails
against some mutant, no starter workspace scores 1.0."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from harness.tasks.spec import load_tasks

pytestmark = pytest.mark.docker
REPO = Path(__file__).resolve().parents[2]


def test_every_task_validates(images: Any, tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "harness",
            "tasks",
            "validate",
            "--runs",
            "1",
            "--concurrency",
            str(max(3, os.cpu_count() or 2)),
            "--probe-length",
            "short",
            "--first-kill",
            "--out",
            str(tmp_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=2700,
    )
    problems = [
        line
        for record in tmp_path.glob("*/validate.txt")
        for line in record.read_text().splitlines()
        if " PROBLEM " in line or "fails against none" in line
    ]
    assert proc.returncode == 0, "\n".join(problems) + "\n" + proc.stderr[-3000:]
    for task in load_tasks(REPO / "tasks"):
        assert f"{task.id} mutant " in proc.stdout
    assert "SURVIVED" not in proc.stdout
    assert "fails against none" not in proc.stdout


def test_every_service_task_declares_security_and_load_probes() -> None:
    undeclared = [
        t.id
        for t in load_tasks(REPO / "tasks")
        if t.spec.service.kind == "http" and (t.spec.security is None or t.spec.load is None)
    ]
    assert undeclared == []


def test_every_open_design_task_has_a_rubric_and_a_labelled_set() -> None:
    design = [t for t in load_tasks(REPO / "tasks") if t.spec.service.kind == "none"]
    assert len(design) >= 8
    for t in design:
        assert "design" in t.spec.grading.weights, t.id
        assert (t.path("calibration") / "labels.toml").is_file(), t.id
