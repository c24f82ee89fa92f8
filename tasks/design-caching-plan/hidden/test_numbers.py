"""Hit ratios from the replay table, cache memory for the hot keys, and the origin's load."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import (
    HIT_RATIO_TOLERANCE,
    assert_close,
    entries,
    expected_memory_mb,
    expected_origin_rps,
    number,
    plan,
    planned_hit_ratio,
    platform,
)


def test_expected_hit_ratios_follow_the_replay():
    off = {}
    for name, entry in entries().items():
        expected = planned_hit_ratio(name, entry)
        got = number(entry.get("expected_hit_ratio"), f"endpoints.{name}.expected_hit_ratio")
        if abs(got - expected) > HIT_RATIO_TOLERANCE:
            off[name] = f"{got:g} (replay: {expected:g})"
    assert not off, f"expected_hit_ratio off by more than {HIT_RATIO_TOLERANCE}: {off}"


@pytest.mark.critical
def test_memory_mb_covers_the_hot_keys():
    got = number(plan().get("memory_mb"), "memory_mb")
    assert_close(got, expected_memory_mb(entries()), "memory_mb")


def test_memory_fits_the_cache():
    needed = expected_memory_mb(entries())
    limit = float(platform()["cache_memory_mb"])
    assert needed <= limit, f"the cached endpoints' hot keys need {needed:.0f} MB of {limit:g} MB"


@pytest.mark.critical
def test_origin_rps():
    got = number(plan().get("origin_rps"), "origin_rps")
    assert_close(got, expected_origin_rps(entries()), "origin_rps")


@pytest.mark.critical
def test_origin_stays_below_its_capacity():
    load = expected_origin_rps(entries())
    capacity = float(platform()["origin_capacity_rps"])
    assert load <= capacity, f"the plan sends {load:.0f} rps to an origin that serves {capacity:g}"
