"""The two deliverables exist under their fixed names."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import WS


def test_schema_sql_present():
    path = WS / "schema.sql"
    assert path.is_file() and path.read_text(encoding="utf-8").strip(), (
        "schema.sql is missing or empty"
    )


def test_design_md_present():
    path = WS / "DESIGN.md"
    assert path.is_file(), "DESIGN.md is missing"
    words = len(path.read_text(encoding="utf-8").split())
    assert words >= 150, (
        f"DESIGN.md has {words} words; the prompt asks for the reasoning behind each index"
    )
