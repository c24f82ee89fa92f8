"""Shared helpers for the zero-downtime migration hidden checks (imported, never collected)."""

import os
import uuid
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

WS = Path(os.environ.get("ARCHBENCH_WORKSPACE", "/workspace"))
HERE = Path(__file__).resolve().parent
SEED_ROWS = 20_000


def new_database() -> str:
    """A fresh database on the sidecar; returns its DSN."""
    name = f"zdm_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(os.environ["PG_DSN"], autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return str(make_conninfo(os.environ["PG_DSN"], dbname=name))


def connect(dsn: str, **kwargs: Any) -> psycopg.Connection[Any]:
    # a bound on every statement, so that a migration that waits forever fails instead of hanging
    return psycopg.connect(dsn, autocommit=True, options="-c statement_timeout=20000", **kwargs)


def display_name(first: str, last: str) -> str:
    """full_name as the old app shows it, from the new columns (the prompt's rule). Pure."""
    return first if last == "" else f"{first} {last}"


def split_name(full: str) -> tuple[str, str]:
    """(first_name, last_name) from full_name, split at the first space (prompt's rule). Pure."""
    first, _, last = full.partition(" ")
    return first, last
