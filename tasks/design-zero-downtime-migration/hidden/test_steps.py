"""Every step applies in order on the seeded starting schema, and the stated queries of each app
version it claims to support run and answer correctly after it."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from runner import PlanRun, plan_run


def run_or_fail() -> PlanRun:
    run = plan_run()
    if isinstance(run, str):
        pytest.fail(run)
    return run


@pytest.mark.critical
def test_every_step_applies_in_order():
    run = run_or_fail()
    failed = [f"{r.name}: {r.error}" for r in run.forward.steps if r.error]
    assert not failed, f"a step fails: {failed[0]}"


@pytest.mark.critical
def test_old_app_works_where_claimed():
    run = run_or_fail()
    bad = [f"{r.name}: {r.old_app}" for r in run.forward.steps if r.old_app]
    assert not bad, f"old app's queries fail after a step that claims old: {bad}"


@pytest.mark.critical
def test_new_app_works_where_claimed():
    run = run_or_fail()
    bad = [f"{r.name}: {r.new_app}" for r in run.forward.steps if r.new_app]
    assert not bad, f"new app's queries fail after a step that claims new: {bad}"


@pytest.mark.critical
def test_versions_see_each_others_writes_side_by_side():
    run = run_or_fail()
    bad = [f"{r.name}: {p}" for r in run.forward.steps for p in r.cross]
    assert not bad, f"while old and new run side by side: {bad}"


def test_every_row_has_the_names_the_running_versions_read():
    run = run_or_fail()
    bad = [f"{r.name}: {p}" for r in run.forward.steps for p in r.stored]
    assert not bad, f"after a step: {bad}"
