"""Engine and sessions for the SQLite database named by DATABASE_URL.

`set_db_fault(True)` simulates an unreachable database (operations drill): the pool is emptied and
every new connection attempt fails until the fault is cleared.
"""

import os
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///./app.db")
_fault = {"down": False}


class Base(DeclarativeBase):
    pass


engine = create_engine(DATABASE_URL, connect_args={"check_same_thread": False, "timeout": 5})


@event.listens_for(engine, "do_connect")
def _refuse_when_down(*_args: Any) -> None:
    if _fault["down"]:
        raise sqlite3.OperationalError("unable to open database file (simulated outage)")


@event.listens_for(engine, "connect")
def _configure(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA busy_timeout = 5000")
    # Two workers opening a new database file at once can get SQLITE_BUSY here
    # whatever the busy timeout: retry (the mode is stored in the file, once is enough).
    for _ in range(100):
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError:
            time.sleep(0.05)
    cursor.close()


def set_db_fault(down: bool) -> None:
    _fault["down"] = down
    engine.dispose()


SessionLocal = sessionmaker(engine, expire_on_commit=False)


def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session
