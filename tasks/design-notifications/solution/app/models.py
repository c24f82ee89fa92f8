"""Stored preferences: one row per user who has ever saved them (others get the defaults)."""

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


def utcnow() -> datetime:
    return datetime.now(UTC)


class PreferenceRow(Base):
    __tablename__ = "preferences"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channels: Mapped[dict[str, bool]] = mapped_column(JSON)
    opted_out: Mapped[list[str]] = mapped_column(JSON)
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    quiet_timezone: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
