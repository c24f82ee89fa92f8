"""Engine and sessions for the SQLite database named by DATABASE_URL.

Every transaction starts with BEGIN IMMEDIATE, so writers are serialised by SQLite itself; this
keeps the service correct with several threads and several worker processes on one file. Sessions
of read-only requests (GET) start a deferred transaction instead: in WAL mode they read a snapshot
beside the writer and never queue for (or hold) the write lock.
"""

import os
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import NullPool
from starlette.requests import Request

DEFAULT_DATABASE_URL = "sqlite:///./app.db"


class Base(DeclarativeBase):
    pass


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    # No pool: SQLite connections are cheap to open, and a pool smaller than the threadpool lets a
    # burst of requests block every worker thread on checkout while the connections' holders wait
    # for a thread to finish their response (a deadlock until the pool timeout).
    engine = create_engine(
        url, poolclass=NullPool, connect_args={"check_same_thread": False, "timeout": 30}
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see below)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        # Two workers opening a new database file at once can get SQLITE_BUSY here
        # whatever the busy timeout: retry (the mode is stored in the file, once is enough).
        for _ in range(100):
            try:
                cursor.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError:
                time.sleep(0.05)
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        deferred = conn.get_execution_options().get("sqlite_deferred", False)
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

    return engine


engine = make_engine(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
SessionLocal = sessionmaker(engine, expire_on_commit=False)


def create_schema() -> None:
    with engine.begin() as conn:
        Base.metadata.create_all(conn)


def database_ready() -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True


def get_session(request: Request) -> Iterator[Session]:
    with SessionLocal() as session:
        if request.method in ("GET", "HEAD") and engine.dialect.name == "sqlite":
            session.connection(execution_options={"sqlite_deferred": True})
        yield session
