"""Tables: the append-only event log (the source of truth) and the projections derived from it."""

from datetime import UTC, datetime

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


def now() -> datetime:
    return datetime.now(UTC)


class StoredEvent(Base):
    """One event of one account stream; (stream_id, version) is unique, rows are never changed."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("stream_id", "version", name="uq_events_stream_version"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    stream_id: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSON)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AccountView(Base):
    """Projection: current state of each account."""

    __tablename__ = "account_view"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(100))
    balance: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(Integer)


class StatementLine(Base):
    """Projection: one line per money movement of an account."""

    __tablename__ = "statement_view"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(40))
    amount: Mapped[int] = mapped_column(BigInteger)
    balance_after: Mapped[int] = mapped_column(BigInteger)
    transfer_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
