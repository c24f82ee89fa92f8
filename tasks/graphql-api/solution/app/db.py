"""Engines and sessions for the SQLite database named by DATABASE_URL.

Every read-write transaction starts with BEGIN IMMEDIATE, so writers are serialised by SQLite
itself; this keeps the service correct with several threads and several worker processes on one
file. Read-only requests use a second engine with plain (deferred) transactions: in WAL mode they
read a consistent snapshot without taking the write lock, so polling clients never slow the queue.
"""

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///./app.db"
T = TypeVar("T")


def retry_locked(fn: Callable[[], T], seconds: float = 30.0) -> T:
    """Run `fn`, retrying while SQLite reports a lock that its busy handler does not cover.

    Switching a fresh file to WAL and creating the schema can fail at once with "database is
    locked" when both worker processes start at the same moment.
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            return fn()
        except (sqlite3.OperationalError, OperationalError) as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Base(DeclarativeBase):
    pass


def make_engine(url: str, *, immediate: bool = True) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see below)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        retry_locked(lambda: cursor.execute("PRAGMA journal_mode = WAL"))
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


DATABASE_URL = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
engine = make_engine(DATABASE_URL)
read_engine = make_engine(DATABASE_URL, immediate=False)
SessionLocal = sessionmaker(engine, expire_on_commit=False)
ReadSessionLocal = sessionmaker(read_engine, expire_on_commit=False)


def create_schema() -> None:
    def create() -> None:
        with engine.begin() as conn:
            Base.metadata.create_all(conn)

    retry_locked(create)


def database_ready() -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True


def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session


def get_read_session() -> Iterator[Session]:
    with ReadSessionLocal() as session:
        yield session
