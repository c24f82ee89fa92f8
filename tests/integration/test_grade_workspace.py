"""`archbench grade` on real workspaces: the crud-books reference folder resolves with score
1.0, a tar of its starter does not; each writes a run folder that `report` and `view` read."""

import json
import tarfile
from pathlib import Path
from typing import Any

import pytest

from integration.runs import archbench

pytestmark = pytest.mark.docker
REPO = Path(__file__).resolve().parents[2]
TASK = REPO / "tasks" / "crud-books"


def only_sample(run_dir: Path) -> dict[str, Any]:
    lines = (run_dir / "samples.jsonl").read_text().splitlines()
    assert len(lines) == 1
    sample: dict[str, Any] = json.loads(lines[0])
    return sample


def test_the_reference_folder_resolves_with_score_one(tmp_path: Path, images: Any) -> None:
    proc = archbench(
        "grade", "crud-books", str(TASK / "solution"),
        *("--out", str(tmp_path), "--run-id", "ref", "--probe-length", "short"),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    run_dir = tmp_path / "ref"
    s = only_sample(run_dir)
    assert (s["status"], s["resolved"], s["secure_resolved"]) == ("graded", True, True)
    assert s["score"] == 1.0 and s["checks_passed"] == s["checks_total"] > 0
    assert (s["agent"], s["model"], s["runtime"]) == ("external", "external", "external")
    run = json.loads((run_dir / "run.json").read_text())
    assert run["status"] == "completed" and run["request"]["source"] == "grade"
    assert run["request"]["path"] == str((TASK / "solution").resolve())
    assert len(run["request"]["sha256"]) == 64
    sample_dir = run_dir / "samples" / "crud-books" / "1" / "external"
    assert {"workspace.tar", "grader-functional.json", "app.log"} <= {
        p.name for p in sample_dir.iterdir()
    }
    assert "crud-books: graded, score 1.000, resolved yes" in proc.stdout
    assert (run_dir / "report.md").is_file() and (run_dir / "report.html").is_file()
    assert archbench("view", str(run_dir)).returncode == 0
    assert (run_dir / "view" / "index.html").is_file()


def test_a_tar_of_the_starter_is_not_resolved(tmp_path: Path, images: Any) -> None:
    starter = tmp_path / "starter.tar.gz"
    with tarfile.open(starter, "w:gz") as tf:
        tf.add(TASK / "workspace", arcname=".")
        tf.add(TASK / "tests" / "visible", arcname="./tests/visible")
    proc = archbench(
        "grade", "crud-books", str(starter),
        *("--out", str(tmp_path), "--run-id", "starter", "--probe-length", "short"),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    s = only_sample(tmp_path / "starter")
    with tarfile.open(tmp_path / "starter" / "samples/crud-books/1/external/workspace.tar") as tf:
        assert "workspace/tests/visible/test_smoke.py" in tf.getnames()
    assert s["status"] in ("graded", "startup_failed")
    assert s["resolved"] is False and s["score"] < 1.0
    assert archbench("report", str(tmp_path / "starter")).returncode == 0
