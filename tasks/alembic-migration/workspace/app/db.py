"""Engine, sessions, and the Alembic upgrade that runs when the service starts."""

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, sessionmaker

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql+psycopg://app:app@localhost:5432/app")
ALEMBIC_INI = Path(__file__).resolve().parent.parent / "alembic.ini"
MIGRATION_LOCK_KEY = 7_261_001  # advisory lock: several processes may start at once

engine = create_engine(DATABASE_URL, pool_size=5, max_overflow=10, pool_pre_ping=True)
SessionLocal = sessionmaker(engine, expire_on_commit=False)


class Base(DeclarativeBase):
    pass


def run_migrations() -> None:
    """`alembic upgrade head` on one connection, serialised by a PostgreSQL advisory lock."""
    config = Config(str(ALEMBIC_INI))
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def database_ready() -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1 FROM customers LIMIT 1"))
    except SQLAlchemyError:
        return False
    return True
