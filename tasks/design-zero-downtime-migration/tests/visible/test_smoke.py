"""Smoke tests for the deliverables (a small sample). Run: python -m pytest -q tests/visible"""

import os
import uuid
from pathlib import Path

import pytest

WS = Path(__file__).resolve().parents[2]
KEYS = {"name", "sql", "app_version_compatible", "rollback_sql"}


def steps() -> list[dict]:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load((WS / "migration.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("steps"), list), (
        "top level: {steps: [...]}"
    )
    return data["steps"]


def test_deliverables_exist():
    assert (WS / "migration.yaml").is_file(), "write /workspace/migration.yaml"
    assert (WS / "DESIGN.md").is_file(), "write /workspace/DESIGN.md"


def test_steps_have_the_fixed_keys():
    for step in steps():
        assert set(step) >= KEYS, f"step {step.get('name')!r} lacks {KEYS - set(step)}"
        assert set(step["app_version_compatible"]) <= {"old", "new"}


def test_steps_apply_to_the_sample_data():
    psycopg = pytest.importorskip("psycopg")
    url = os.environ.get("DATABASE_URL", "").replace("+psycopg", "")
    if not url:
        pytest.skip("DATABASE_URL is not set")
    name = f"smoke_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        dsn = psycopg.conninfo.make_conninfo(url, dbname=name)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute((WS / "db" / "schema.sql").read_bytes())
            conn.execute((WS / "db" / "sample_users.sql").read_bytes())
            for step in steps():  # each item is one request, as the graders send it
                if step.get("transaction"):
                    with conn.transaction():
                        for stmt in step["sql"]:
                            conn.execute(stmt.encode())
                else:
                    for stmt in step["sql"]:
                        conn.execute(stmt.encode())
            cols = {
                r[0]
                for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"
                )
            }
        assert {"first_name", "last_name"} <= cols and "full_name" not in cols
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
