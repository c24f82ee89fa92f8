"""Freshness: no cached answer older than the endpoint's limit, never-stale endpoints are not
cached, read-your-writes endpoints are invalidated by every write that changes them."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import entries, is_cached, reads, staleness_window, writers_of


@pytest.mark.critical
def test_ttls_stay_within_the_staleness_limits():
    over = {}
    for name, entry in entries().items():
        limit = reads()[name].max_stale_seconds
        if is_cached(entry) and limit is not None and staleness_window(name, entry) > limit:
            over[name] = f"{staleness_window(name, entry):g} s > {limit:g} s"
    assert not over, f"cached answers can be staler than the limit: {over}"


@pytest.mark.critical
def test_never_stale_endpoints_are_not_cached():
    cached = [
        name
        for name, entry in entries().items()
        if reads()[name].staleness == "never" and is_cached(entry)
    ]
    assert not cached, f"{cached} may never be served stale, so they must not be cached"


@pytest.mark.critical
def test_read_your_writes_endpoints_are_invalidated_on_their_writes():
    stale = {}
    for name, entry in entries().items():
        if reads()[name].staleness != "read_your_writes" or not is_cached(entry):
            continue
        missing = writers_of(name) - set(entry.get("invalidate_on") or [])
        if missing:
            stale[name] = sorted(missing)
    assert not stale, f"a user would read their own stale data after these writes: {stale}"
