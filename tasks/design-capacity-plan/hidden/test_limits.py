"""Egress at the target peak and the first limit that adding instances cannot raise."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import assert_close, egress_mbps, get, number, plan, shared_limits


@pytest.mark.critical
def test_egress_mbps():
    assert_close(number(plan(), "egress_mbps"), egress_mbps(), "egress_mbps")


def test_first_limit_names_the_resource_reached_first():
    limits = shared_limits()
    first = min(limits, key=limits.__getitem__)
    got = get(plan(), "first_limit", "resource")
    assert got == first, f"first_limit.resource = {got!r}, but {first} is reached first ({limits})"


def test_first_limit_peak_rps():
    limits = shared_limits()
    assert_close(
        number(plan(), "first_limit", "at_peak_rps"),
        min(limits.values()),
        "first_limit.at_peak_rps",
    )
