"""The write-heavy tables keep within the index counts the prompt allows."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import connect

MAX_INDEXES = {"orders": 4, "order_items": 3}


@pytest.mark.parametrize("table", sorted(MAX_INDEXES))
def test_index_count_within_cap(table):
    with connect("bare") as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = %s::regclass",
                (table,),
            )
        ]
    assert len(names) <= MAX_INDEXES[table], (
        f"{table} has {len(names)} indexes ({', '.join(names)}); "
        f"the prompt allows at most {MAX_INDEXES[table]}"
    )
