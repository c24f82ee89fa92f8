"""Resources and bookings. Overlapping active bookings of one resource are impossible by schema:
an exclusion constraint over (resource_id =, tstzrange(starts_at, ends_at, '[)') &&) for rows whose
status is 'active'. Half-open ranges let back-to-back bookings touch."""

import uuid
from datetime import datetime

from app.db import Base
from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Uuid, func, text
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

ACTIVE, CANCELLED = "active", "cancelled"


class Resource(Base):
    __tablename__ = "resources"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(100))


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ck_bookings_range"),
        CheckConstraint("status IN ('active', 'cancelled')", name="ck_bookings_status"),
        ExcludeConstraint(
            ("resource_id", "="),
            (func.tstzrange(text("starts_at"), text("ends_at"), text("'[]'")), "&&"),
            name="ex_bookings_no_overlap",
            using="gist",
            where=text("status = 'active'"),
        ),
        Index("ix_bookings_resource_start", "resource_id", "starts_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    resource_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("resources.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    customer: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), default=ACTIVE)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )
