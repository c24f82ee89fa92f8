"""Database access: one SQLAlchemy engine for the SQLite file named by DATABASE_URL."""

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, create_engine, event, text

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///./app.db")

engine = create_engine(DATABASE_URL, connect_args={"check_same_thread": False, "timeout": 30})


@event.listens_for(engine, "connect")
def _configure(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
    cursor = dbapi_conn.cursor()
    # Two workers opening a new database file at once can get SQLITE_BUSY here
    # whatever the busy timeout: retry (the mode is stored in the file, once is enough).
    for _ in range(100):
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError:
            time.sleep(0.05)
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.close()


@event.listens_for(engine, "begin")
def _begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")  # writers serialised by SQLite, across workers


SCHEMA = [
    """CREATE TABLE IF NOT EXISTS customers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        email TEXT NOT NULL UNIQUE,
        tier TEXT NOT NULL DEFAULT 'standard')""",
    """CREATE TABLE IF NOT EXISTS products (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        price_cents INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS orders (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        status TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS order_items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        product_id INTEGER NOT NULL REFERENCES products(id),
        quantity INTEGER NOT NULL,
        unit_price_cents INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_orders_customer ON orders (customer_id, status)",
    "CREATE INDEX IF NOT EXISTS ix_order_items_order ON order_items (order_id)",
]


def create_schema() -> None:
    with engine.begin() as conn:
        for statement in SCHEMA:
            conn.execute(text(statement))


def database_ready() -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        return False
    return True


@contextmanager
def unit_of_work() -> Iterator[Connection]:
    """One transaction: committed on success, rolled back on any exception."""
    with engine.begin() as conn:
        yield conn
