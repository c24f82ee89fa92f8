"""No statement blocks the live table for a long time: indexes are built CONCURRENTLY, the table
is never rewritten, and no ALTER TABLE scans it while holding ACCESS EXCLUSIVE."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plan import PlanError, load_plan, plain_index_builds
from runner import plan_run


@pytest.mark.critical
def test_indexes_built_concurrently():
    try:
        steps = load_plan()
    except PlanError as e:
        pytest.fail(str(e))
    plain = plain_index_builds(steps)
    assert not plain, (
        f"an index is built without CONCURRENTLY (it blocks writes for the whole build): {plain}"
    )


def test_no_rewrite_or_scan_under_access_exclusive():
    run = plan_run()
    if isinstance(run, str):
        pytest.fail(run)
    bad = [f"{r.name}: {x}" for r in run.forward.steps for x in r.locks]
    assert run.forward.steps and not bad, f"{bad}"
