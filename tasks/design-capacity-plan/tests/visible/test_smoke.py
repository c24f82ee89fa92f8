"""Smoke tests for the capacity plan (shape only). Run: python -m pytest -q tests/visible"""

import re
from pathlib import Path

import pytest

WS = Path(__file__).resolve().parents[2]
TOP_KEYS = [
    "target_peak_rps",
    "endpoints",
    "tiers",
    "database",
    "egress_mbps",
    "first_limit",
    "monthly_cost_usd",
]


def test_design_md_exists():
    assert (WS / "DESIGN.md").is_file(), "write /workspace/DESIGN.md"


def test_capacity_yaml_has_the_top_level_keys():
    path = WS / "capacity.yaml"
    assert path.is_file(), "write /workspace/capacity.yaml"
    text = path.read_text()
    missing = [k for k in TOP_KEYS if not re.search(rf"^{k}\s*:", text, re.MULTILINE)]
    assert not missing, f"capacity.yaml lacks the top-level keys {missing}"


def test_capacity_yaml_parses():
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load((WS / "capacity.yaml").read_text())
    assert isinstance(data, dict)
    assert {"api", "jobs"} <= set(data["tiers"]), "tiers needs api and jobs"
