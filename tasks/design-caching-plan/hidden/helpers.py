"""Shared helpers for the design-caching-plan hidden checks (imported, never collected).

Every expected number is computed here from the task's data in the agent's workspace
(data/*.csv, data/platform.yaml) with the rules the prompt states; nothing is copied from the
reference plan.
"""

import csv
import hashlib
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

WS = Path(os.environ["ARCHBENCH_WORKSPACE"])
HERE = Path(__file__).resolve().parent
TOLERANCE = 0.10
"""The prompt's tolerance for memory_mb and origin_rps: within +-10% of the value from the data."""
HIT_RATIO_TOLERANCE = 0.05
"""The prompt's tolerance for expected_hit_ratio: within +-0.05 of the replay's value."""
KB_PER_MB = 1024


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
class Read:
    name: str
    rps: float
    key_params: tuple[str, ...]
    cardinality: int
    object_kb: float
    hot_fraction: float
    staleness: str
    """seconds | read_your_writes | never"""
    max_stale_seconds: float | None


def reads() -> dict[str, Read]:
    out = {}
    for r in _rows("reads.csv"):
        limit = r["max_stale_seconds"].strip()
        out[r["endpoint"]] = Read(
            name=r["endpoint"],
            rps=float(r["peak_rps"]),
            key_params=tuple(r["key_params"].split()),
            cardinality=int(r["key_cardinality"]),
            object_kb=float(r["object_kb"]),
            hot_fraction=float(r["hot_key_fraction"]),
            staleness=r["staleness"],
            max_stale_seconds=float(limit) if limit else None,
        )
    return out


def writes() -> dict[str, float]:
    """write endpoint -> its peak rps."""
    return {r["endpoint"]: float(r["peak_rps"]) for r in _rows("writes.csv")}


def writers_of(read: str) -> set[str]:
    """The write endpoints that change `read`'s data (dependencies.csv)."""
    return {r["write_endpoint"] for r in _rows("dependencies.csv") if r["read_endpoint"] == read}


def replay_hit_ratio(read: str, ttl: float) -> float:
    """The replay's hit ratio for the largest tabled TTL not above `ttl` (none: 0)."""
    rows = [r for r in _rows("hit_ratios.csv") if r["endpoint"] == read]
    fitting = [r for r in rows if float(r["ttl_seconds"]) <= ttl]
    if not fitting:
        return 0.0
    return float(max(fitting, key=lambda r: float(r["ttl_seconds"]))["hit_ratio"])


def plan() -> dict[str, Any]:
    """The agent's cache-plan.yaml, or a test failure that says what is wrong with the file."""
    path = WS / "cache-plan.yaml"
    if not path.is_file():
        pytest.fail("cache-plan.yaml is missing from the workspace")
    try:
        loaded = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        pytest.fail(f"cache-plan.yaml is not valid YAML: {exc}")
    if not isinstance(loaded, dict):
        pytest.fail("cache-plan.yaml must be a mapping at the top level")
    return loaded


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((HERE / "cache-plan.schema.json").read_text())
    return loaded


def entries() -> dict[str, dict[str, Any]]:
    """The plan's entry per read endpoint of the data; a failure naming any that is missing."""
    listed = plan().get("endpoints")
    if not isinstance(listed, dict):
        pytest.fail("cache-plan.yaml has no endpoints mapping")
    missing = sorted(set(reads()) - set(listed))
    if missing:
        pytest.fail(f"cache-plan.yaml endpoints lacks {missing}")
    bad = [name for name in reads() if not isinstance(listed[name], dict)]
    if bad:
        pytest.fail(f"cache-plan.yaml endpoints {bad} must be mappings")
    return {name: listed[name] for name in reads()}


def is_cached(entry: dict[str, Any]) -> bool:
    return entry.get("cached") is True


def ttl_of(name: str, entry: dict[str, Any]) -> float:
    ttl = entry.get("ttl_seconds")
    if isinstance(ttl, bool) or not isinstance(ttl, (int, float)):
        pytest.fail(f"endpoints.{name}.ttl_seconds must be a number, got {ttl!r}")
    return float(ttl)


def staleness_window(name: str, entry: dict[str, Any]) -> float:
    """How stale a cached answer can be served: the TTL plus any stale-while-revalidate time."""
    swr = entry.get("stale_while_revalidate_seconds", 0) or 0
    if isinstance(swr, bool) or not isinstance(swr, (int, float)):
        pytest.fail(f"endpoints.{name}.stale_while_revalidate_seconds must be a number")
    return ttl_of(name, entry) + float(swr)


def planned_hit_ratio(name: str, entry: dict[str, Any]) -> float:
    """The replay's hit ratio for the plan's choice (0 when not cached)."""
    return replay_hit_ratio(name, ttl_of(name, entry)) if is_cached(entry) else 0.0


def expected_origin_rps(plan_entries: dict[str, dict[str, Any]]) -> float:
    from_reads = sum(
        r.rps * (1 - planned_hit_ratio(name, plan_entries[name])) for name, r in reads().items()
    )
    return from_reads + sum(writes().values())


def expected_memory_mb(plan_entries: dict[str, dict[str, Any]]) -> float:
    return sum(
        r.cardinality * r.object_kb * r.hot_fraction / KB_PER_MB
        for name, r in reads().items()
        if is_cached(plan_entries[name])
    )


def number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        pytest.fail(f"cache-plan.yaml {what} must be a number, got {value!r}")
    return float(value)


def assert_close(actual: float, expected: float, what: str) -> None:
    assert math.isclose(actual, expected, rel_tol=TOLERANCE), (
        f"{what} = {actual:g}, but the data gives {expected:.5g} (tolerance +-{TOLERANCE:.0%})"
    )


PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def key_placeholders(key: str) -> set[str]:
    return set(PLACEHOLDER.findall(key))


def key_shape(key: str) -> str:
    """The template with every placeholder blanked: two templates of one shape collide."""
    return PLACEHOLDER.sub("{}", key)
