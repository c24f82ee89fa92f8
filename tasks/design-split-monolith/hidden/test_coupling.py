"""Rule 4: module pairs with a Jaccard co-change coupling >= 0.5 share a service."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import coupled_pairs, placement


@pytest.mark.critical
def test_highly_co_changed_modules_share_a_service():
    where = placement()
    pairs = coupled_pairs()
    assert pairs, (
        "the data has no pair at the threshold; the check cannot grade (fix the task data)"
    )
    split = [
        f"{a} ({where[a]}) / {b} ({where[b]}): {j:.2f}" for a, b, j in pairs if where[a] != where[b]
    ]
    assert not split, f"pairs with co-change coupling >= 0.5 split across services: {split}"
