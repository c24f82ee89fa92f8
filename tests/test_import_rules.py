"""The import-linter contract bites: a copy of the code with one forbidden import fails
`lint-imports`, naming the rule it breaks (the real tree is checked in scripts/test.sh)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_copy(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess[str]:
    """lint-imports on a copy of harness/ and graders/ with `line` added to `module`."""
    for part in ("harness", "graders"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{line}\n")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("harness/run/engine.py", "import harness.cli.app", "Parts are layered"),
        ("harness/reports/report.py", "import docker", "Reports never need Docker"),
        ("graders/functional.py", "import harness.models.factory", "Graders never call a model"),
        ("harness/agent/builtin/loop.py", "import harness.tasks.spec", "The agent side never"),
        ("harness/run/sample.py", "import rich", "Core code never prints"),
    ],
)
def test_a_forbidden_import_breaks_its_rule(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    result = lint_copy(tmp_path, module, line)
    assert result.returncode == 1, result.stdout + result.stderr
    broken_line = next(ln for ln in result.stdout.splitlines() if ln.startswith(broken))
    assert broken_line.rstrip().endswith("BROKEN")


def test_the_copy_itself_keeps_every_rule(tmp_path: Path) -> None:
    result = lint_copy(tmp_path, "harness/run/engine.py", "")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
