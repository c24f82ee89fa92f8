"""After the last step, users has the target shape and the email rule holds."""

import sys
import uuid
from pathlib import Path

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from final import final_conn
from probes import NEW

TARGET = {
    "id": ("bigint", True),
    "email": ("text", True),
    "first_name": ("text", True),
    "last_name": ("text", True),
    "created_at": ("timestamp with time zone", True),
}


@pytest.mark.critical
def test_target_columns():
    with final_conn() as conn:
        rows = conn.execute(
            "SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute"
            " WHERE attrelid = 'users'::regclass AND attnum > 0 AND NOT attisdropped"
        ).fetchall()
    found = {name: (typ, notnull) for name, typ, notnull in rows}
    assert found == TARGET, f"users has {found}; the target is {TARGET} (full_name gone)"


@pytest.mark.critical
def test_email_unique_ignoring_case():
    tag = uuid.uuid4().hex[:8]
    insert = {"first_name": "Case", "last_name": "Test"}
    with final_conn() as conn:
        conn.execute(NEW["insert"], {**insert, "email": f"Case.{tag}@Example.com"})
        conn.execute(NEW["insert"], {**insert, "email": f"case.{tag}.2@example.com"})
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute(NEW["insert"], {**insert, "email": f"case.{tag}@EXAMPLE.COM"})


def test_indexes_valid_and_no_triggers_left():
    with final_conn() as conn:
        invalid = conn.execute(
            "SELECT indexrelid::regclass::text FROM pg_index"
            " WHERE indrelid = 'users'::regclass AND NOT indisvalid"
        ).fetchall()
        triggers = conn.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'users'::regclass AND NOT tgisinternal"
        ).fetchall()
    assert not invalid, f"invalid indexes left on users: {invalid}"
    assert not triggers, f"triggers left on users: {triggers}"
