"""Per-endpoint load at the target peak: rps from the mix, CPU at the stated percentile, DB
queries only for cache misses, egress in megabits."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import assert_close, endpoint_loads, get, number, plan, plan_endpoints, platform


def _entries():
    data = plan()
    entries = plan_endpoints(data)
    missing = sorted(set(endpoint_loads()) - set(entries))
    assert not missing, f"capacity.yaml endpoints lacks {missing}"
    return entries


def test_every_endpoint_is_listed_once():
    names = [e.get("name") for e in get(plan(), "endpoints") if isinstance(e, dict)]
    assert sorted(names) == sorted(endpoint_loads()), (
        f"endpoints must list each endpoint of data/endpoints.csv once, got {names}"
    )


def test_target_and_endpoint_rps_follow_the_mix():
    assert_close(
        number(plan(), "target_peak_rps"), float(platform()["target_peak_rps"]), "target_peak_rps"
    )
    entries = _entries()
    for name, load in endpoint_loads().items():
        assert_close(number(entries[name], "rps"), load.rps, f"endpoints[{name}].rps")


@pytest.mark.critical
def test_endpoint_cpu_cores_use_the_stated_percentile():
    entries = _entries()
    for name, load in endpoint_loads().items():
        assert_close(
            number(entries[name], "cpu_cores"), load.cpu_cores, f"endpoints[{name}].cpu_cores"
        )


def test_endpoint_db_qps_count_only_cache_misses():
    entries = _entries()
    for name, load in endpoint_loads().items():
        assert_close(number(entries[name], "db_qps"), load.db_qps, f"endpoints[{name}].db_qps")


def test_endpoint_egress_is_in_megabits_per_second():
    entries = _entries()
    for name, load in endpoint_loads().items():
        assert_close(
            number(entries[name], "egress_mbps"), load.egress_mbps, f"endpoints[{name}].egress_mbps"
        )
