"""The schema shape of `users` that a rollback must restore: columns (type, NOT NULL), index
definitions, constraints and triggers, with the object names left out."""

import re
from typing import Any

import psycopg

QUERIES = {
    "columns": (
        "SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute"
        " WHERE attrelid = 'users'::regclass AND attnum > 0 AND NOT attisdropped"
    ),
    "indexes": (
        "SELECT pg_get_indexdef(indexrelid), indisvalid, indisunique FROM pg_index"
        " WHERE indrelid = 'users'::regclass"
    ),
    "constraints": (
        "SELECT contype::text, pg_get_constraintdef(oid), convalidated FROM pg_constraint"
        " WHERE conrelid = 'users'::regclass"
    ),
    "triggers": (
        "SELECT pg_get_triggerdef(oid) FROM pg_trigger"
        " WHERE tgrelid = 'users'::regclass AND NOT tgisinternal"
    ),
}
_NAMES = re.compile(r"^(CREATE (?:UNIQUE )?INDEX|CREATE TRIGGER) \S+ ")


def _unnamed(value: Any) -> Any:
    return _NAMES.sub(r"\1 ", value) if isinstance(value, str) else value


def users_shape(conn: psycopg.Connection[Any]) -> dict[str, list[tuple[Any, ...]]]:
    shape = {}
    for part, sql in QUERIES.items():
        rows = conn.execute(sql).fetchall()
        shape[part] = sorted(tuple(_unnamed(v) for v in row) for row in rows)
    return shape


def shape_diff(expected: dict[str, list[Any]], found: dict[str, list[Any]]) -> str | None:
    """A one-line description of what differs, or None. Pure."""
    out = []
    for part in expected:
        missing = [r for r in expected[part] if r not in found[part]]
        extra = [r for r in found[part] if r not in expected[part]]
        if missing:
            out.append(f"{part} missing {missing}")
        if extra:
            out.append(f"{part} extra {extra}")
    return "; ".join(out) or None
