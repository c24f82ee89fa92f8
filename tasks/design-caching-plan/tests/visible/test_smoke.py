"""Smoke tests for the caching plan (shape only). Run: python -m pytest -q tests/visible"""

import csv
import re
from pathlib import Path

import pytest

WS = Path(__file__).resolve().parents[2]


def test_design_md_exists():
    assert (WS / "DESIGN.md").is_file(), "write /workspace/DESIGN.md"


def test_cache_plan_has_the_top_level_keys():
    path = WS / "cache-plan.yaml"
    assert path.is_file(), "write /workspace/cache-plan.yaml"
    text = path.read_text()
    missing = [
        k
        for k in ("endpoints", "memory_mb", "origin_rps")
        if not re.search(rf"^{k}\s*:", text, re.M)
    ]
    assert not missing, f"cache-plan.yaml lacks the top-level keys {missing}"


def test_cache_plan_plans_every_read_endpoint():
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load((WS / "cache-plan.yaml").read_text())
    with (WS / "data" / "reads.csv").open(newline="") as f:
        names = {r["endpoint"] for r in csv.DictReader(f)}
    assert names <= set(data["endpoints"]), f"plan every endpoint of reads.csv: {sorted(names)}"
