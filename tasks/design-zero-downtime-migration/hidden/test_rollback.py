"""Each step's rollback_sql applies right after the step, returns users to the shape it had
before the step (columns, types, NOT NULL, indexes, constraints, triggers), and the step then
applies again."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from runner import plan_run


@pytest.mark.critical
def test_every_rollback_restores_the_previous_shape():
    run = plan_run()
    if isinstance(run, str):
        pytest.fail(run)
    names = [r.name for r in run.forward.steps]
    bad = [f"{n}: {why}" for n, why in zip(names, run.rollbacks, strict=False) if why]
    assert run.rollbacks and not bad, f"{bad}"
