"""Open design tasks through `archbench grade`: the reference resolves with every rubric
criterion quoted; a keyword-stuffed DESIGN.md beside a capacity sheet with wrong numbers fails
the machine checks, so it is not resolved and the judge is never asked (it earns nothing)."""

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from harness.archive import collect_tree
from harness.tasks.patches import patched_tree
from integration.runs import archbench

pytestmark = pytest.mark.docker
REPO = Path(__file__).resolve().parents[2]
TASK = REPO / "tasks" / "design-capacity-plan"


def workspace(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def grade(tmp_path: Path, folder: Path, run_id: str) -> dict[str, Any]:
    proc = archbench("grade", "design-capacity-plan", str(folder), "--out", str(tmp_path),
                     "--run-id", run_id)  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    sample: dict[str, Any] = json.loads((tmp_path / run_id / "samples.jsonl").read_text())
    return sample


def test_reference_design_resolves_with_every_criterion_quoted(tmp_path: Path, images: Any) -> None:
    ref = dict(collect_tree(TASK / "workspace")) | dict(collect_tree(TASK / "solution"))
    s = grade(tmp_path, workspace(tmp_path / "ref", ref), "ref")
    assert (s["status"], s["resolved"], s["score"], s["design"]) == ("graded", True, 1.0, 1.0)
    assert len(s["criteria"]) == 7 and all(s["criteria"].values())  # recorded at 0 tokens
    design = json.loads(
        (tmp_path / "ref/samples/design-capacity-plan/1/external/grader-design.json").read_text()
    )
    assert design["details"]["judge"] == "scripted"
    assert all(c["outcome"] == "passed" and c["message"] for c in design["checks"])
    run = json.loads((tmp_path / "ref" / "run.json").read_text())
    assert run["judge"]["id"] == "scripted"


def test_keyword_stuffing_beside_wrong_numbers_earns_nothing(tmp_path: Path, images: Any) -> None:
    wrong = patched_tree(TASK / "solution", TASK / "mutants" / "cores-from-p50.patch")
    files = dict(collect_tree(TASK / "workspace")) | wrong
    files["DESIGN.md"] = (TASK / "calibration" / "flawed-2.md").read_bytes()  # keyword-stuffed
    folder = workspace(tmp_path / "stuffed", files)
    s = grade(tmp_path, folder, "stuffed")
    assert (s["status"], s["resolved"]) == ("graded", False)
    assert s["design"] is None and s["missing"]["design"].startswith("not resolved")
    assert s["judge_tokens"] == 0
    shutil.rmtree(folder)
