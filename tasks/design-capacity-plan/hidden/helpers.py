"""Shared helpers for the design-capacity-plan hidden checks (imported, never collected).

Every expected number is computed here from the task's data in the agent's workspace
(data/*.csv, data/platform.yaml) with the sizing rules the prompt states; nothing is copied from
the reference plan.
"""

import csv
import hashlib
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

WS = Path(os.environ["ARCHBENCH_WORKSPACE"])
HERE = Path(__file__).resolve().parent
TOLERANCE = 0.10
"""The prompt's tolerance for derived numbers: within +-10% of the value from the data."""
OVERPROVISION = 1.25
"""The prompt's cap: a tier may run at most 25% more instances than its minimum (rounded up)."""


def data_hashes() -> dict[str, str]:
    """The starter's data files and their sha256 (hidden/data.sha256, `sha256sum` format)."""
    hashes = {}
    for line in (HERE / "data.sha256").read_text().splitlines():
        digest, name = line.split()
        hashes[name] = digest
    return hashes


def sha256_of(name: str) -> str:
    return hashlib.sha256((WS / "data" / name).read_bytes()).hexdigest()


def _rows(name: str) -> list[dict[str, str]]:
    with (WS / "data" / name).open(newline="") as f:
        return list(csv.DictReader(f))


def platform() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((WS / "data" / "platform.yaml").read_text())
    return loaded


@dataclass(frozen=True)
class EndpointLoad:
    rps: float
    cpu_cores: float
    db_qps: float
    db_busy: float
    egress_mbps: float


@dataclass(frozen=True)
class InstanceType:
    vcpu: int
    ram_gib: float
    usd_per_hour: float


def instance_types() -> dict[str, InstanceType]:
    return {
        r["instance_type"]: InstanceType(
            int(r["vcpu"]), float(r["ram_gib"]), float(r["usd_per_hour"])
        )
        for r in _rows("instance_types.csv")
    }


def endpoint_loads() -> dict[str, EndpointLoad]:
    p = platform()
    target = float(p["target_peak_rps"])
    column = f"cpu_ms_{p['cpu_percentile']}"
    loads = {}
    for r in _rows("endpoints.csv"):
        rps = float(r["share"]) * target
        db_qps = rps * (1 - float(r["cache_hit_ratio"])) * float(r["db_queries_per_miss"])
        loads[r["endpoint"]] = EndpointLoad(
            rps=rps,
            cpu_cores=rps * float(r[column]) / 1000,
            db_qps=db_qps,
            db_busy=db_qps * float(r["db_ms_per_query"]) / 1000,
            egress_mbps=rps * float(r["response_bytes"]) * 8 / 1e6,
        )
    return loads


def jobs_cores() -> float:
    column = f"cpu_ms_{platform()['cpu_percentile']}"
    loads = endpoint_loads()
    return sum(
        loads[r["triggered_by"]].rps * float(r["jobs_per_request"]) * float(r[column]) / 1000
        for r in _rows("jobs.csv")
    )


def tier_cores(tier: str) -> float:
    if tier == "api":
        return sum(e.cpu_cores for e in endpoint_loads().values())
    return jobs_cores()


def workers_per_instance(tier: str, instance_type: str) -> int:
    p = platform()
    t = instance_types()[instance_type]
    by_memory = math.floor(
        (t.ram_gib - float(p["os_reserved_gib"])) / float(p["process_memory_gib"][tier])
    )
    return min(t.vcpu, by_memory)


def minimum_instances(tier: str, instance_type: str) -> int:
    p = platform()
    per_instance = workers_per_instance(tier, instance_type) * float(p["utilisation_ceiling"])
    return math.ceil(tier_cores(tier) / per_instance) + int(p["spare_instances_per_tier"])


def db_qps() -> float:
    return sum(e.db_qps for e in endpoint_loads().values())


def db_connections_needed() -> float:
    busy = sum(e.db_busy for e in endpoint_loads().values())
    return busy / float(platform()["utilisation_ceiling"])


def usable_connections() -> int:
    db = platform()["database"]
    return int(db["max_connections"]) - int(db["reserved_connections"])


def egress_mbps() -> float:
    return sum(e.egress_mbps for e in endpoint_loads().values())


def shared_limits() -> dict[str, float]:
    """The peak rps (same mix) at which each limit that more instances cannot raise is reached."""
    p = platform()
    target = float(p["target_peak_rps"])
    return {
        "db_qps": float(p["database"]["max_qps"]) * target / db_qps(),
        "db_connections": usable_connections() * target / db_connections_needed(),
        "egress": float(p["egress_limit_mbps"]) * target / egress_mbps(),
    }


def plan() -> dict[str, Any]:
    """The agent's capacity.yaml, or a test failure that says what is wrong with the file."""
    path = WS / "capacity.yaml"
    if not path.is_file():
        pytest.fail("capacity.yaml is missing from the workspace")
    try:
        loaded = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        pytest.fail(f"capacity.yaml is not valid YAML: {exc}")
    if not isinstance(loaded, dict):
        pytest.fail("capacity.yaml must be a mapping at the top level")
    return loaded


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((HERE / "capacity.schema.json").read_text())
    return loaded


def get(data: dict[str, Any], *keys: str) -> Any:
    """data[k1][k2]..., or a test failure naming the missing key."""
    node: Any = data
    for i, key in enumerate(keys):
        if not isinstance(node, dict) or key not in node:
            pytest.fail(f"capacity.yaml has no {'.'.join(keys[: i + 1])}")
        node = node[key]
    return node


def number(data: dict[str, Any], *keys: str) -> float:
    value = get(data, *keys)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        pytest.fail(f"capacity.yaml {'.'.join(keys)} must be a number, got {value!r}")
    return float(value)


def assert_close(actual: float, expected: float, what: str) -> None:
    assert math.isclose(actual, expected, rel_tol=TOLERANCE), (
        f"{what} = {actual:g}, but the data gives {expected:.4g} (tolerance +-{TOLERANCE:.0%})"
    )


def plan_endpoints(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    entries = get(data, "endpoints")
    if not isinstance(entries, list):
        pytest.fail("capacity.yaml endpoints must be a list")
    return {e["name"]: e for e in entries if isinstance(e, dict) and "name" in e}


def tier_type(data: dict[str, Any], tier: str) -> str:
    name = get(data, "tiers", tier, "instance_type")
    if name not in instance_types():
        pytest.fail(f"tiers.{tier}.instance_type {name!r} is not one of data/instance_types.csv")
    return str(name)
