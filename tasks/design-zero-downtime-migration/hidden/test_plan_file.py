"""migration.yaml has the fixed shape and describes a possible rolling deploy; DESIGN.md exists."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import WS
from plan import PlanError, compatibility_problem, load_plan


def steps_or_fail() -> list[dict]:
    try:
        return load_plan()
    except PlanError as e:
        pytest.fail(str(e))


@pytest.mark.critical
def test_migration_yaml_has_the_fixed_shape():
    assert len(steps_or_fail()) >= 2


def test_claims_describe_a_rolling_deploy():
    problem = compatibility_problem(steps_or_fail())
    assert problem is None, problem


def test_design_md_present():
    path = WS / "DESIGN.md"
    assert path.is_file(), "DESIGN.md is missing"
    words = len(path.read_text(encoding="utf-8").split())
    assert words >= 150, (
        f"DESIGN.md has {words} words; the prompt asks for the rollout and its risks"
    )
