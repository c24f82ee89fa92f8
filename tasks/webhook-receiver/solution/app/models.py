"""Database tables: received events (deduplicated by id) and the counters they drive."""

from datetime import UTC, datetime

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


def _now() -> datetime:
    return datetime.now(UTC)


class Event(Base):
    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(200), index=True)
    data: Mapped[dict] = mapped_column(JSON)
    timestamp: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Counter(Base):
    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
