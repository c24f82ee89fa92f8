"""Smoke tests for the tenant isolation design (shape only, standard library only).
Run: cd /workspace && python -m pytest -q tests/visible"""

import json
import re
from pathlib import Path

WS = Path(__file__).resolve().parents[2]


def test_design_md_exists():
    assert (WS / "DESIGN.md").is_file(), "write /workspace/DESIGN.md"


def test_placement_names_every_tenant():
    path = WS / "placement.yaml"
    assert path.is_file(), "write /workspace/placement.yaml"
    text = path.read_text()
    assert re.search(r"^tenants\s*:", text, re.M), "placement.yaml needs a top-level tenants key"
    ids = [t["id"] for t in json.loads((WS / "data" / "tenants.json").read_text())["tenants"]]
    missing = [i for i in ids if not re.search(rf"^\s+['\"]?{i}['\"]?\s*:", text, re.M)]
    assert not missing, f"placement.yaml does not place {missing}"


def test_isolation_sql_mentions_the_fixed_names():
    path = WS / "isolation.sql"
    assert path.is_file(), "write /workspace/isolation.sql"
    text = path.read_text().lower()
    missing = [
        name
        for name in ("projects", "tasks", "invoices", "app.tenant_id", "tenant_app")
        if name not in text
    ]
    assert not missing, f"isolation.sql never mentions {missing}"
