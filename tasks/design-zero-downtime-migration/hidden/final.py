"""The database after the whole plan ran forward (for the final-state and data checks)."""

from typing import Any

import psycopg
import pytest
from helpers import connect
from runner import plan_run


def final_conn() -> psycopg.Connection[Any]:
    run = plan_run()
    if isinstance(run, str):
        pytest.fail(run)
    if not run.forward.complete:
        pytest.fail("the plan did not run to its end (see test_every_step_applies_in_order)")
    return connect(run.forward.dsn)
