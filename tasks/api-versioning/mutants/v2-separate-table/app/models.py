"""Database tables.

`name` stays the v1 source of truth; `given_name`/`family_name` hold the v2 split. Both are
written together by either API version, so each version reads exactly what the other wrote.
"""

from datetime import datetime

from app.db import Base
from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100))
    given_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    family_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    email: Mapped[str] = mapped_column(String(254), unique=True)
    balance_cents: Mapped[int] = mapped_column(Integer, default=0)
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CustomerV2(Base):
    """v2 customers live in their own table (v1 data is read through a fallback)."""

    __tablename__ = "customers_v2"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100))
    given_name: Mapped[str] = mapped_column(String(100), default="")
    family_name: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(254), unique=True)
    balance_cents: Mapped[int] = mapped_column(Integer, default=0)
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def split_name(name: str) -> tuple[str, str]:
    """v1 name -> (given_name, family_name): split at the last space."""
    given, sep, family = name.rpartition(" ")
    return (given, family) if sep else (name, "")


def join_name(given_name: str, family_name: str) -> str:
    """(given_name, family_name) -> v1 name."""
    return f"{given_name} {family_name}" if family_name else given_name
