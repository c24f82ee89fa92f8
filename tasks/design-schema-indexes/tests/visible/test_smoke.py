"""Smoke tests for the deliverables (a small sample). Run: python -m pytest -q tests/visible"""

import os
import uuid
from pathlib import Path

import pytest

WS = Path(__file__).resolve().parents[2]
TABLES = {"customers", "products", "orders", "order_items"}


def test_deliverables_exist():
    assert (WS / "schema.sql").is_file(), "write /workspace/schema.sql"
    assert (WS / "DESIGN.md").is_file(), "write /workspace/DESIGN.md"


def test_schema_applies_to_an_empty_database():
    psycopg = pytest.importorskip("psycopg")
    url = os.environ.get("DATABASE_URL", "").replace("+psycopg", "")
    if not url:
        pytest.skip("DATABASE_URL is not set")
    name = f"smoke_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(
            psycopg.conninfo.make_conninfo(url, dbname=name), autocommit=True
        ) as conn:
            conn.execute((WS / "schema.sql").read_bytes())  # one script, as the graders run it
            rows = conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema()"
            ).fetchall()
        assert {r[0] for r in rows} >= TABLES, f"missing tables: {TABLES - {r[0] for r in rows}}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
