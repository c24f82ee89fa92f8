"""Smoke tests for the versioning plan (shape only, standard library only).
Run: cd /workspace && python -m pytest -q tests/visible"""

import re
from pathlib import Path

WS = Path(__file__).resolve().parents[2]
TOP_KEYS = (
    "versioning",
    "v1_sunset_date",
    "client_groups",
    "deprecation_headers",
    "removed_operations",
    "phases",
)


def test_design_md_exists():
    assert (WS / "DESIGN.md").is_file(), "write /workspace/DESIGN.md"


def test_openapi_v2_says_3_1():
    path = WS / "openapi-v2.yaml"
    assert path.is_file(), "write /workspace/openapi-v2.yaml"
    assert re.search(r"^openapi\s*:\s*['\"]?3\.1", path.read_text(), re.M), "declare openapi: 3.1.x"


def test_deprecation_plan_has_the_top_level_keys():
    path = WS / "deprecation.yaml"
    assert path.is_file(), "write /workspace/deprecation.yaml"
    text = path.read_text()
    missing = [k for k in TOP_KEYS if not re.search(rf"^{k}\s*:", text, re.M)]
    assert not missing, f"deprecation.yaml lacks the top-level keys {missing}"
