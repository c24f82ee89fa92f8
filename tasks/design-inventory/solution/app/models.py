"""Tables: products (units on hand) and reservations (holds on those units)."""

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    on_hand: Mapped[int]


class Reservation(Base):
    __tablename__ = "reservations"
    __table_args__ = (Index("ix_reservations_product_status", "product_id", "status"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int]
    status: Mapped[str] = mapped_column(String(16))  # pending | confirmed | released
    created_at: Mapped[float]  # epoch seconds
    expires_at: Mapped[float]  # epoch seconds
