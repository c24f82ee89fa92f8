"""isolation.sql: row-level security on the shared tables, enabled and forced, keyed on
app.tenant_id, used by a tenant_app role that cannot bypass it. Two tenants' rows are seeded."""

import os
import sys

import psycopg
import pytest

sys.path.insert(0, os.path.dirname(__file__))
from helpers import (
    APP,
    OWNER,
    ROWS,
    TABLES,
    TENANT_A,
    TENANT_B,
    database,
    session,
    superuser,
    tenant_counts,
)

INSERTS = {
    "projects": ("INSERT INTO projects (id, tenant_id, name) VALUES (%s, %s, 'new')", ()),
    "tasks": (
        "INSERT INTO tasks (id, tenant_id, project_id, title, status)"
        " VALUES (%s, %s, %s, 'new', 'open')",
        ("project",),
    ),
    "invoices": ("INSERT INTO invoices (id, tenant_id, amount_cents) VALUES (%s, %s, 500)", ()),
}
UPDATES = {
    "projects": "UPDATE projects SET name = name || ' (edited)'",
    "tasks": "UPDATE tasks SET status = 'done'",
    "invoices": "UPDATE invoices SET amount_cents = amount_cents + 1",
}


def insert(conn: psycopg.Connection, table: str, row_id: int, tenant: str) -> None:
    sql, extra = INSERTS[table]
    params: tuple = (row_id, tenant)
    if extra:  # a task belongs to a project of its tenant
        project = 1001 if tenant == TENANT_A else 1001 + ROWS[TENANT_A]
        params = (row_id, tenant, project)
    conn.execute(sql, params)


@pytest.mark.critical
def test_isolation_sql_applies_and_takes_the_seed():
    database()
    for table in TABLES:
        assert tenant_counts(table) == ROWS, f"{table} does not hold the seeded rows"


@pytest.mark.critical
def test_rls_is_enabled_and_forced_on_every_table():
    with superuser() as conn:
        rows = conn.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner)"
            " FROM pg_class WHERE relname = ANY(%s) AND relkind IN ('r', 'p')"
            " AND relnamespace = 'public'::regnamespace",
            (list(TABLES),),
        ).fetchall()
    flags = {name: (enabled, forced, owner) for name, enabled, forced, owner in rows}
    assert set(flags) == set(TABLES), (
        f"tables missing from schema public: {set(TABLES) - set(flags)}"
    )
    off = [t for t, (enabled, _, _) in flags.items() if not enabled]
    unforced = [t for t, (_, forced, _) in flags.items() if not forced]
    assert not off, f"row level security is not enabled on {off}"
    assert not unforced, f"row level security is not forced on {unforced}"
    wrong_owner = {t: owner for t, (_, _, owner) in flags.items() if owner != OWNER}
    assert not wrong_owner, f"tables must stay owned by {OWNER}: {wrong_owner}"


def test_app_role_cannot_bypass_policies():
    with superuser() as conn:
        row = conn.execute(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", (APP,)
        ).fetchone()
    assert row == (False, False), f"{APP} must be neither superuser nor BYPASSRLS: {row}"


@pytest.mark.critical
@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("tenant", [TENANT_A, TENANT_B])
def test_app_sees_only_its_tenants_rows(table, tenant):
    with session(APP, tenant) as conn:
        seen = conn.execute(f"SELECT tenant_id, count(*) FROM {table} GROUP BY 1").fetchall()
    assert dict(seen) == {tenant: ROWS[tenant]}, f"{table} as {tenant} shows {dict(seen)}"


@pytest.mark.parametrize("table", TABLES)
def test_app_update_and_delete_touch_only_its_tenant(table):
    with session(APP, TENANT_A) as conn, conn.transaction(force_rollback=True):
        updated = conn.execute(UPDATES[table]).rowcount
        assert updated == ROWS[TENANT_A], f"UPDATE {table} as {TENANT_A} touched {updated}"
        if table == "projects":  # the tenant's tasks go first (they may reference projects)
            conn.execute("DELETE FROM tasks")
        deleted = conn.execute(f"DELETE FROM {table}").rowcount
        assert deleted == ROWS[TENANT_A], f"DELETE FROM {table} as {TENANT_A} hit {deleted}"


@pytest.mark.critical
@pytest.mark.parametrize("table", TABLES)
def test_app_cannot_insert_rows_for_another_tenant(table):
    with session(APP, TENANT_A) as conn:
        with conn.transaction(force_rollback=True):
            insert(conn, table, 900_001, TENANT_A)  # its own rows: allowed
        try:
            with conn.transaction(force_rollback=True):
                insert(conn, table, 900_002, TENANT_B)
        except psycopg.errors.InsufficientPrivilege:
            return
        except psycopg.Error as e:
            pytest.fail(f"INSERT into {table} for another tenant failed for another reason: {e}")
    pytest.fail(f"{APP} acting for {TENANT_A} inserted a {table} row for {TENANT_B}")


@pytest.mark.parametrize("table", TABLES)
def test_app_cannot_move_rows_to_another_tenant(table):
    with session(APP, TENANT_A) as conn:
        try:
            with conn.transaction(force_rollback=True):
                moved = conn.execute(
                    f"UPDATE {table} SET tenant_id = %s WHERE tenant_id = %s",
                    (TENANT_B, TENANT_A),
                ).rowcount
                assert moved == 0, f"{APP} moved {moved} {table} rows to {TENANT_B}"
        except psycopg.errors.InsufficientPrivilege:
            pass
        except psycopg.errors.IntegrityError:
            pass  # e.g. a foreign key on (tenant_id, project_id) refusing the move


@pytest.mark.critical
@pytest.mark.parametrize("table", TABLES)
def test_without_a_tenant_nothing_is_visible(table):
    for setting in (None, ""):
        with session(APP, setting) as conn:
            try:
                rows = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            except psycopg.Error:
                continue  # an error is as good as nothing
            assert rows == (0,), f"{table} shows {rows[0]} rows with app.tenant_id {setting!r}"


@pytest.mark.critical
@pytest.mark.parametrize("table", TABLES)
def test_the_owner_is_held_by_the_policies_too(table):
    with session(OWNER, TENANT_A) as conn:
        seen = conn.execute(f"SELECT tenant_id, count(*) FROM {table} GROUP BY 1").fetchall()
    others = {tenant: n for tenant, n in seen if tenant != TENANT_A}
    assert not others, (
        f"the owner role acting for {TENANT_A} sees {others} in {table}: RLS must be forced"
    )
