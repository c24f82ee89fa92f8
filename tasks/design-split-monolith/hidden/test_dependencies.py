"""Rules 5 and 6: the dependencies cover every cross-service call, and sync ones form no cycle."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import dependencies, dependency_pairs, edges, find_cycle, placement, service_modules


@pytest.mark.critical
def test_every_cross_service_call_is_covered():
    where = placement()
    declared = dependency_pairs()
    missing = sorted(
        {
            f"{where[e.caller]} -> {where[e.callee]} (for {e.caller} -> {e.callee})"
            for e in edges()
            if where[e.caller] != where[e.callee]
            and (where[e.caller], where[e.callee]) not in declared
        }
    )
    assert not missing, f"cross-service calls with no dependency entry: {missing}"


def test_sync_required_calls_are_covered_by_sync_dependencies():
    where = placement()
    declared = dependency_pairs(("sync",))
    missing = sorted(
        {
            f"{where[e.caller]} -> {where[e.callee]} (for {e.caller} -> {e.callee})"
            for e in edges()
            if e.sync_required
            and where[e.caller] != where[e.callee]
            and (where[e.caller], where[e.callee]) not in declared
        }
    )
    assert not missing, f"calls marked sync_required need a sync dependency: {missing}"


@pytest.mark.critical
def test_no_cycle_of_sync_dependencies():
    cycle = find_cycle(dependency_pairs(("sync",)))
    assert not cycle, f"synchronous dependency cycle between services: {' -> '.join(cycle)}"


def test_dependencies_name_two_different_services():
    names = set(service_modules())
    wrong = [
        f"{d.get('from')} -> {d.get('to')}"
        for d in dependencies()
        if d.get("from") not in names or d.get("to") not in names or d.get("from") == d.get("to")
    ]
    assert not wrong, f"dependencies must name two different services of services.yaml: {wrong}"
