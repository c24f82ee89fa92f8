"""The quick form of `archbench tasks validate` over the whole suite: every reference scores
1.0, every mutant is caught by a hidden check, no starter workspace scores 1.0."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from harness.tasks import load_tasks

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
            str(max(2, os.cpu_count() or 2)),
            "--out",
            str(tmp_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=2700,
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
    for task in load_tasks(REPO / "tasks"):
        assert f"{task.id} mutant " in proc.stdout
    assert "SURVIVED" not in proc.stdout
