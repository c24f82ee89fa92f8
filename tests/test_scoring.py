"""Composite score, resolved, weighted functional fraction and lint scoring on literal inputs."""

from collections import Counter
from pathlib import Path

import pytest

from graders.base import CheckResult, GradeResult
from graders.functional import weighted_pass_fraction
from graders.lint import count_loc, lint_score, parse_mypy_errors, parse_ruff_json, per_kloc
from harness.errors import TaskSpecError
from harness.run.grading import composite, is_resolved
from harness.tasks.spec import parse_task_toml


def functional(*checks: tuple[str, bool]) -> GradeResult:
    made = tuple(
        CheckResult(f"c{i}", o, critical=crit)  # type: ignore[arg-type]
        for i, (o, crit) in enumerate(checks)
    )
    return GradeResult("functional", "ok", weighted_pass_fraction(list(made)), checks=made)


def test_critical_checks_weigh_double() -> None:
    checks = [
        CheckResult("a", "passed", critical=True),
        CheckResult("b", "failed"),
        CheckResult("c", "passed"),
    ]
    assert weighted_pass_fraction(checks) == 3 / 4


def test_resolved_needs_every_check_not_only_the_critical_ones() -> None:
    assert not is_resolved([functional(("passed", True), ("failed", False))])
    assert not is_resolved([functional(("failed", True), ("passed", False))])


def test_resolved_without_critical_marks_needs_everything() -> None:
    assert is_resolved([functional(("passed", False), ("skipped", False))])
    assert not is_resolved([functional(("passed", False), ("failed", False))])


def test_composite_is_the_weighted_sum() -> None:
    results = [functional(("passed", False), ("failed", False)), GradeResult("quality", "ok", 0.5)]
    c = composite({"functional": 0.45, "quality": 0.10}, results)
    assert c.score == pytest.approx((0.45 * 0.5 + 0.10 * 0.5) / 0.55)
    assert not c.resolved
    assert c.dimensions == {"functional": 0.5, "quality": 0.5}
    assert c.missing == {}


def test_gated_dimensions_count_zero_unless_resolved() -> None:
    results = [functional(("failed", True)), GradeResult("security", "ok", 1.0)]
    c = composite({"functional": 1.0, "security": 1.0}, results)
    assert c.score == 0.0
    assert c.missing == {"security": "not resolved: counts as 0"}


def test_a_grader_error_is_missing_with_its_reason() -> None:
    results = [functional(("passed", False)), GradeResult("quality", "error", None, "ruff failed")]
    c = composite({"functional": 1.0, "quality": 1.0}, results)
    assert c.missing == {"quality": "ruff failed"}
    assert c.dimensions["quality"] is None


def test_lint_score_is_flat_then_linear_to_zero_at_three_times() -> None:
    assert lint_score(5.0, 10.0) == 1.0
    assert lint_score(10.0, 10.0) == 1.0
    assert lint_score(20.0, 10.0) == 0.5
    assert lint_score(30.0, 10.0) == 0.0
    assert lint_score(99.0, 10.0) == 0.0


def test_lint_score_floors_a_spotless_reference() -> None:
    assert lint_score(2.0, 0.0) == 1.0
    assert lint_score(4.0, 0.0) == 0.5


def test_count_loc_skips_blank_comment_lines_and_visible_tests() -> None:
    files = {
        "app/main.py": b"import os\n\n# comment\nx = 1  # trailing\n",
        "tests/visible/test_a.py": b"x = 1\n",
        "README.md": b"text\n",
    }
    assert count_loc(files) == 2


def test_parse_ruff_json_counts_by_rule() -> None:
    text = '[{"code": "F401"}, {"code": "F401"}, {"code": "S608"}, {"code": null}]'
    assert parse_ruff_json(text) == Counter({"F401": 2, "S608": 1, "syntax-error": 1})
    assert parse_ruff_json("") == Counter()


def test_parse_mypy_errors_counts_error_lines_only() -> None:
    text = "app/a.py:1: error: bad\napp/a.py:2: note: see\napp/b.py:3: error: worse\n"
    assert parse_mypy_errors(text) == 2
    assert per_kloc(2, 500) == 4.0
    assert per_kloc(2, 0) == 0.0


def test_unknown_weight_dimension_is_a_task_error() -> None:
    text = 'id="t"\ntitle="t"\ncategory="c"\ndifficulty=1\n[grading]\nweights={ speed = 1.0 }\n'
    with pytest.raises(TaskSpecError, match="unknown dimension 'speed'"):
        parse_task_toml(text, "tasks/t/task.toml")


def test_start_script_fails_fast_without_app_main_only_for_the_default_command() -> None:
    from graders.environment import start_script
    from harness.tasks.spec import DEFAULT_START

    default = start_script(DEFAULT_START)
    custom = start_script("python -m myservice")
    assert "app/main.py" in default and "exit 5" in default
    assert "app/main.py" not in custom and custom.rstrip().endswith("exec python -m myservice")


INSTALLED = {"fastapi": "0.165.0", "sqlalchemy": "2.1.9", "typing-extensions": "4.15.0"}


@pytest.mark.parametrize(
    ("text", "known"),
    [
        (None, True),  # no requirements.txt: nothing to install
        ("", True),
        ("# only a comment\n\nFastAPI\n", True),
        ("fastapi==0.165.0\r\nSQLAlchemy == 2.1.9  # the ORM\n", True),
        ("Typing_Extensions==4.15.0\n", True),  # names compare as PEP 503 normalises them
        (b"fastapi==0.165.0\n", True),  # as read from the snapshot
        ("fastapi==0.1\n", False),  # another version: pip decides
        ("fastapi>=0.100\n", False),  # a range: the container's own check decides
        ("fastapi===0.165.0\n", False),
        ("fastapi==0.165.0; python_version > '3'\n", False),  # markers: not decided here
        ("fastapi[all]\n", False),
        ("-r other.txt\n", False),
        ("somethingelse\n", False),
    ],
)
def test_requirements_known_met_only_for_names_and_exact_pins_the_image_has(
    text: bytes | str | None, known: bool
) -> None:
    from graders.environment import requirements_known_met

    assert requirements_known_met(text, INSTALLED) is known


def test_the_start_script_leaves_out_the_requirements_step_only_when_they_are_known_met() -> None:
    from graders.environment import start_script
    from harness.images.recipes import locked_versions

    assert "pip install" in start_script("uvicorn app.main:app")
    assert "pip install" not in start_script("uvicorn app.main:app", requirements_met=True)
    assert locked_versions("runtime")["fastapi"]  # the runtime lock is what the image has


@pytest.mark.parametrize(
    ("requirements", "met"),
    [
        ("", True),
        ("# only a comment\n\n", True),
        ("pytest>=1  # the test runner\nPyTest\n", True),
        ("pytest<1\n", False),
        ("surely-not-installed-archbench-pkg\n", False),
        ('surely-not-installed-archbench-pkg; python_version < "3"\npytest\n', True),
        ("pytest[testing]\n", False),  # extras: pip decides
        ("-r other.txt\n", False),  # options: pip decides
        ("pytest @ https://example.invalid/pytest.whl\n", False),
        ("pytest==\n", False),  # unparsable: pip decides (and says why)
    ],
)
def test_the_start_script_skips_pip_only_when_every_requirement_is_installed(
    requirements: str, met: bool, tmp_path: Path
) -> None:
    """The check the app container runs before pip, run here by this interpreter (pytest is
    installed in it, like fastapi in the runtime image)."""
    import subprocess
    import sys

    from graders.environment import REQUIREMENTS_MET

    (tmp_path / "requirements.txt").write_text(requirements)
    proc = subprocess.run(
        [sys.executable, "-", "requirements.txt"],
        input=REQUIREMENTS_MET,
        text=True,
        cwd=tmp_path,
        capture_output=True,
    )
    assert (proc.returncode == 0) is met, proc.stderr
