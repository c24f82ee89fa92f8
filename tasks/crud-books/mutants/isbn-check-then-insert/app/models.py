"""Database tables."""

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(100), index=True)
    isbn: Mapped[str] = mapped_column(String(13), index=True)
    published_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    copies: Mapped[int] = mapped_column(Integer, default=1)
