"""Engine and sessions for the SQLite database named by DATABASE_URL.

Every transaction starts with BEGIN IMMEDIATE, so writers are serialised by SQLite itself; this
keeps the service correct with several threads and several worker processes on one file.
"""

import os
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///./app.db"


class Base(DeclarativeBase):
    pass


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        # Two workers opening a new database file at once can get SQLITE_BUSY here
        # whatever the busy timeout: retry (the mode is stored in the file, once is enough).
        for _ in range(100):
            try:
                cursor.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError:
                time.sleep(0.05)
        cursor.close()

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


def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session
