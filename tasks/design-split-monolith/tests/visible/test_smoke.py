"""Smoke tests for the decomposition (shape only). Run: python -m pytest -q tests/visible"""

import re
from pathlib import Path

import pytest

WS = Path(__file__).resolve().parents[2]


def test_design_md_exists():
    assert (WS / "DESIGN.md").is_file(), "write /workspace/DESIGN.md"


def test_services_yaml_has_the_top_level_keys():
    path = WS / "services.yaml"
    assert path.is_file(), "write /workspace/services.yaml"
    text = path.read_text()
    missing = [
        k for k in ("services", "dependencies") if not re.search(rf"^{k}\s*:", text, re.MULTILINE)
    ]
    assert not missing, f"services.yaml lacks the top-level keys {missing}"


def test_services_yaml_parses():
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load((WS / "services.yaml").read_text())
    assert isinstance(data, dict)
    for service in data["services"]:
        assert {"name", "modules", "owner_team", "owns_tables"} <= set(service), service
