"""At the graders' scale, after ANALYZE, each stated query runs on indexes within its budget."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import BUFFER_BUDGET, QUERIES, buffers, describe, explain, seq_scanned

IDS = [q.name for q in QUERIES]


@pytest.mark.critical
@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_no_sequential_scan_on_big_tables(query):
    plan = explain(query)
    scanned = seq_scanned(plan)
    assert not scanned, f"{query.name} reads {', '.join(scanned)} sequentially: {describe(plan)}"


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_buffer_budget(query):
    plan = explain(query)
    used = buffers(plan)
    assert used <= BUFFER_BUDGET, (
        f"{query.name} touched {used} buffers (budget {BUFFER_BUDGET}): {describe(plan)}"
    )
