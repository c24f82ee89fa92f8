"""Smoke tests for the event design (shape only). Run: python -m pytest -q tests/visible"""

from pathlib import Path

import pytest

WS = Path(__file__).resolve().parents[2]


def test_design_md_exists():
    assert (WS / "DESIGN.md").is_file(), "write /workspace/DESIGN.md"


def test_events_yaml_has_the_top_level_keys():
    yaml = pytest.importorskip("yaml")
    path = WS / "events.yaml"
    assert path.is_file(), "write /workspace/events.yaml"
    data = yaml.safe_load(path.read_text())
    missing = [k for k in ("topics", "events", "consumers", "publishing") if k not in (data or {})]
    assert not missing, f"events.yaml lacks the top-level keys {missing}"


def test_sequence_mmd_starts_with_the_diagram_type():
    path = WS / "sequence.mmd"
    assert path.is_file(), "write /workspace/sequence.mmd"
    lines = [
        x.strip()
        for x in path.read_text().splitlines()
        if x.strip() and not x.strip().startswith("%%")
    ]
    assert lines and lines[0] == "sequenceDiagram", "the first line must be `sequenceDiagram`"
