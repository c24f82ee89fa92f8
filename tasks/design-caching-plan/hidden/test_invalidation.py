"""Every write that changes a cached endpoint's data (dependencies.csv) invalidates it."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import entries, is_cached, writers_of


@pytest.mark.critical
def test_every_dependent_write_invalidates_the_cached_endpoint():
    missing = {}
    for name, entry in entries().items():
        if is_cached(entry):
            lacking = writers_of(name) - set(entry.get("invalidate_on") or [])
            if lacking:
                missing[name] = sorted(lacking)
    assert not missing, f"cached endpoints not invalidated by writes that change them: {missing}"
