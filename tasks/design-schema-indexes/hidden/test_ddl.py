"""schema.sql applies to a fresh PostgreSQL 15 database and creates the fixed tables and columns."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import connect

TEXT = {"text", "character varying", "character"}
INTS = {"integer", "bigint"}
# table -> column -> accepted information_schema data types (udt name for user-defined types)
COLUMNS: dict[str, dict[str, set[str]]] = {
    "customers": {
        "id": {"bigint"},
        "email": TEXT | {"citext"},
        "name": TEXT,
        "country": TEXT,
        "created_at": {"timestamp with time zone"},
    },
    "products": {
        "id": {"bigint"},
        "sku": TEXT,
        "name": TEXT,
        "category": TEXT,
        "price_cents": INTS,
        "created_at": {"timestamp with time zone"},
    },
    "orders": {
        "id": {"bigint"},
        "customer_id": {"bigint"},
        "status": TEXT,
        "total_cents": INTS,
        "created_at": {"timestamp with time zone"},
    },
    "order_items": {
        "id": {"bigint"},
        "order_id": {"bigint"},
        "product_id": {"bigint"},
        "quantity": INTS | {"smallint"},
        "unit_price_cents": INTS,
    },
}


def column_types(table: str) -> dict[str, str]:
    with connect("bare") as conn:
        rows = conn.execute(
            "SELECT c.column_name, c.data_type, c.udt_name"
            " FROM information_schema.columns c"
            " WHERE c.table_schema = current_schema() AND c.table_name = %s",
            (table,),
        ).fetchall()
    out = {}
    for name, data_type, udt in rows:
        if data_type == "USER-DEFINED":
            data_type = udt
        out[name] = data_type
    return out


@pytest.mark.critical
def test_schema_applies_to_a_fresh_database():
    with connect("bare") as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.critical
@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_fixed_columns_with_compatible_types(table):
    found = column_types(table)
    assert found, f"table {table} does not exist (in the default schema)"
    for column, accepted in COLUMNS[table].items():
        assert column in found, f"{table}.{column} is missing"
        assert found[column] in accepted, (
            f"{table}.{column} is {found[column]}, expected one of {sorted(accepted)}"
        )


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_primary_key_is_id(table):
    with connect("bare") as conn:
        rows = conn.execute(
            "SELECT a.attname FROM pg_index i"
            " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
            " WHERE i.indrelid = %s::regclass AND i.indisprimary",
            (table,),
        ).fetchall()
    assert [r[0] for r in rows] == ["id"], (
        f"{table}'s primary key is {[r[0] for r in rows]}, the prompt fixes (id)"
    )
