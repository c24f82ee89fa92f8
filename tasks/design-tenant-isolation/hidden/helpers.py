"""Shared helpers for the design-tenant-isolation hidden checks (imported, never collected).

Placement rules are checked against the task's data in the agent's workspace
(data/tenants.json, data/platform.json). isolation.sql is applied once per run to a fresh
database on the sidecar, as the owner role the prompt names, and two tenants' rows are seeded.
"""

import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jsonschema
import psycopg
import pytest
import yaml
from psycopg.conninfo import make_conninfo

WS = Path(os.environ["ARCHBENCH_WORKSPACE"])
HERE = Path(__file__).resolve().parent
OWNER = "tenant_owner"
APP = "tenant_app"
SETTING = "app.tenant_id"
TABLES = ("projects", "tasks", "invoices")
TENANT_A = "t01"
TENANT_B = "t12"
ROWS = {TENANT_A: 3, TENANT_B: 4}
"""Seeded rows per table and tenant."""


def data_hashes() -> dict[str, str]:
    hashes = {}
    for line in (HERE / "data.sha256").read_text().splitlines():
        digest, name = line.split()
        hashes[name] = digest
    return hashes


def sha256_of(name: str) -> str:
    return hashlib.sha256((WS / "data" / name).read_bytes()).hexdigest()


def tenants() -> dict[str, dict[str, Any]]:
    loaded = json.loads((WS / "data" / "tenants.json").read_text())
    return {t["id"]: t for t in loaded["tenants"]}


def platform() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((WS / "data" / "platform.json").read_text())
    return loaded


def platform_databases() -> dict[str, dict[str, Any]]:
    return {d["name"]: d for d in platform()["databases"]}


def placement() -> dict[str, dict[str, Any]]:
    """placement.yaml's tenants, matching the prompt's schema and naming every tenant."""
    path = WS / "placement.yaml"
    if not path.is_file():
        pytest.fail("placement.yaml is missing from the workspace")
    try:
        loaded = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        pytest.fail(f"placement.yaml is not valid YAML: {exc}")
    schema = json.loads((HERE / "placement.schema.json").read_text())
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(loaded), key=str)
    if errors:
        pytest.fail(
            "placement.yaml does not match the schema: "
            + "; ".join(
                f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors[:5]
            )
        )
    placed: dict[str, dict[str, Any]] = {str(k): v for k, v in loaded["tenants"].items()}
    missing = sorted(set(tenants()) - set(placed))
    if missing:
        pytest.fail(f"placement.yaml tenants lacks {missing}")
    return placed


def exceeds(tenant: dict[str, Any], tier: str) -> bool:
    limits = platform()["tier_limits_per_tenant"][tier]
    return bool(
        tenant["storage_gb"] > limits["max_storage_gb"]
        or tenant["peak_qps"] > limits["max_peak_qps"]
    )


# --- the database -------------------------------------------------------------------------

_state: dict[str, str] = {}


def isolation_sql() -> str:
    path = WS / "isolation.sql"
    if not path.is_file():
        raise RuntimeError("isolation.sql is missing from the workspace")
    return path.read_text(encoding="utf-8")


def _ensure_roles(admin: psycopg.Connection[Any]) -> None:
    for role in (OWNER, APP):
        exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if not exists:
            admin.execute(f"CREATE ROLE {role} NOLOGIN NOSUPERUSER NOBYPASSRLS")


def _seed(conn: psycopg.Connection[Any]) -> None:
    """Two tenants' rows in every table, inserted as the superuser (no policy applies)."""
    next_id = 1000
    for tenant, count in ROWS.items():
        for i in range(count):
            next_id += 1
            conn.execute(
                "INSERT INTO projects (id, tenant_id, name) VALUES (%s, %s, %s)",
                (next_id, tenant, f"project {tenant} {i}"),
            )
            conn.execute(
                "INSERT INTO tasks (id, tenant_id, project_id, title, status)"
                " VALUES (%s, %s, %s, %s, 'open')",
                (next_id, tenant, next_id, f"task {tenant} {i}"),
            )
            conn.execute(
                "INSERT INTO invoices (id, tenant_id, amount_cents) VALUES (%s, %s, %s)",
                (next_id, tenant, 1000 + i),
            )


def _build() -> str:
    ddl = isolation_sql().encode()
    name = f"dti_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(os.environ["PG_DSN"], autocommit=True) as admin:
        _ensure_roles(admin)
        admin.execute(f'CREATE DATABASE "{name}"')
    dsn = make_conninfo(os.environ["PG_DSN"], dbname=name)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"GRANT CREATE, USAGE ON SCHEMA public TO {OWNER}")
        conn.execute(f"SET ROLE {OWNER}")
        try:
            conn.execute(ddl)
        except psycopg.Error as e:
            raise RuntimeError(
                f"isolation.sql does not apply to a fresh database as {OWNER}: {e}"
            ) from None
        conn.execute("RESET ROLE")
        try:
            _seed(conn)
        except psycopg.Error as e:
            raise RuntimeError(f"the checks' seed rows do not fit isolation.sql: {e}") from None
    return dsn


def database() -> str:
    """The DSN of the run's database (built on first use; a failure fails every caller)."""
    if "dsn" not in _state and "error" not in _state:
        try:
            _state["dsn"] = _build()
        except RuntimeError as e:
            _state["error"] = str(e)
    if "error" in _state:
        pytest.fail(_state["error"])
    return _state["dsn"]


@contextmanager
def session(role: str, tenant: str | None) -> Iterator[psycopg.Connection[Any]]:
    """A connection acting as `role`, with app.tenant_id set to `tenant` (None: never set)."""
    with psycopg.connect(database(), autocommit=True) as conn:
        conn.execute(f"SET ROLE {role}")
        if tenant is not None:
            conn.execute("SELECT set_config(%s, %s, false)", (SETTING, tenant))
        yield conn


def superuser() -> psycopg.Connection[Any]:
    return psycopg.connect(database(), autocommit=True)


def tenant_counts(table: str) -> dict[str, int]:
    """Rows per tenant as the superuser sees them (no policy applies)."""
    with superuser() as conn:
        rows = conn.execute(f"SELECT tenant_id, count(*) FROM {table} GROUP BY 1").fetchall()
    return {str(t): int(n) for t, n in rows}
