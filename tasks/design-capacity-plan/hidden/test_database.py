"""The database at the target peak: queries/s after the cache, connections by Little's law, and a
per-worker pool whose total fits the primary's usable connections."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import (
    assert_close,
    db_connections_needed,
    db_qps,
    get,
    number,
    plan,
    usable_connections,
)


@pytest.mark.critical
def test_db_qps():
    assert_close(number(plan(), "database", "db_qps"), db_qps(), "database.db_qps")


def test_db_connections_needed():
    got = number(plan(), "database", "db_connections_needed")
    assert_close(got, db_connections_needed(), "database.db_connections_needed")


def test_usable_connections():
    got = get(plan(), "database", "usable_connections")
    assert got == usable_connections(), (
        f"database.usable_connections = {got}; max_connections less the reserved ones "
        f"is {usable_connections()}"
    )


def test_pool_total_counts_every_api_worker():
    data = plan()
    expected = (
        get(data, "database", "pool_per_worker")
        * get(data, "tiers", "api", "workers_per_instance")
        * get(data, "tiers", "api", "instances")
    )
    got = get(data, "database", "total_pool_connections")
    assert got == expected, (
        f"database.total_pool_connections = {got}, but pool_per_worker x api "
        f"workers_per_instance x api instances = {expected}"
    )


@pytest.mark.critical
def test_pool_fits_the_usable_connections():
    data = plan()
    total = get(data, "database", "pool_per_worker") * get(
        data, "tiers", "api", "workers_per_instance"
    )
    total *= get(data, "tiers", "api", "instances")
    assert total <= usable_connections(), (
        f"the api workers' pools open {total} connections; "
        f"the primary accepts {usable_connections()}"
    )


def test_pool_covers_the_connections_needed():
    total = get(plan(), "database", "total_pool_connections")
    assert total >= db_connections_needed(), (
        f"database.total_pool_connections = {total} is below "
        f"the {db_connections_needed():.1f} the peak needs"
    )
