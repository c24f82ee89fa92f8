"""`tasks validate` on one small task (crud-books, cut down) whose mutants and equivalents are
patches: the reference scores 1.0, each mutant is killed and loses its bit, a true equivalent
passes every check, a false one (a status the prompt fixes, changed) is a PROBLEM naming the
check it fails, and a patch that no longer applies is a PROBLEM naming the patch."""

import difflib
import shutil
from pathlib import Path
from typing import Any

import pytest

from graders.performance import SHORT
from harness.run.grading import GradingTarget
from harness.run.validate import validate_tasks
from harness.tasks.spec import load_task

pytestmark = pytest.mark.docker
TASK = Path(__file__).resolve().parents[2] / "tasks" / "crud-books"
MUTANTS = ("delete-200-body", "raw-sql-author-filter", "validation-400")


def equivalent(solution: Path, old: str, new: str, why: str) -> str:
    """A patch of app/main.py replacing `old` by `new`, in the format validate reads."""
    before = (solution / "app" / "main.py").read_text()
    assert old in before
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        before.replace(old, new).splitlines(keepends=True),
        "a/app/main.py",
        "b/app/main.py",
    )
    return f"{why}\n\n" + "".join(lines)


@pytest.fixture
def small_task(tmp_path: Path) -> Path:
    root = tmp_path / "tasks" / "crud-books"
    shutil.copytree(TASK, root, ignore=shutil.ignore_patterns("equivalents", "__pycache__"))
    toml = root / "task.toml"  # no load probe: it is not what this test is about
    toml.write_text(toml.read_text().split("\n[load]")[0])
    for patch in (root / "mutants").glob("*.patch"):
        if patch.stem not in MUTANTS:
            patch.unlink()
    stale = (root / "mutants" / "delete-200-body.patch").read_text()
    (root / "mutants" / "stale.patch").write_text(stale.replace(" status_code=204,", " x=1,", 1))
    (root / "equivalents").mkdir()
    solution = root / "solution"
    words = '"Book not found"', '"there is no book with this id"', "404 detail: any wording"
    (root / "equivalents" / "wording.patch").write_text(equivalent(solution, *words))
    gone = "status_code=404, detail", "status_code=410, detail", "not an equivalent: 410"
    (root / "equivalents" / "gone-410.patch").write_text(equivalent(solution, *gone))
    return root


def test_validate_grades_patched_mutants_and_equivalents(
    docker_client: Any, images: Any, small_task: Path, tmp_path: Path
) -> None:
    target = GradingTarget(docker_client, images, f"valpatch-{id(small_task)}", SHORT)
    [result] = validate_tasks(
        target,
        [load_task(small_task)],
        runs=1,
        out=tmp_path / "out",
        concurrency=2,
        progress=lambda _: None,
        first_kill=True,
    )
    assert result.reference_scores == [1.0], result.reference_problems
    assert [(m.name, m.killed, m.lost_bit) for m in result.mutants] == [
        (name, True, True) for name in MUTANTS
    ]
    verdicts = {e.name: e for e in result.equivalents}
    assert verdicts["wording"].ok, verdicts["wording"].describe()
    assert not verdicts["gone-410"].ok and verdicts["gone-410"].failing
    assert [m.concerns for m in result.mutants] == ["contract", "security", "contract"]
    assert result.probe_killers == {"SP-INJ": ["raw-sql-author-filter"], "SP-LEAK": [MUTANTS[1]]}
    stale, gone = result.problems
    assert stale.startswith("patch mutants/stale.patch does not apply: ")
    assert "hunk 1 of app/main.py" in stale
    assert gone.startswith("equivalent gone-410 fails tests.")
