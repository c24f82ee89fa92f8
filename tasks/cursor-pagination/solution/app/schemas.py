"""Request and response bodies."""

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SortKey = Literal["created_at", "-created_at", "price_cents", "-price_cents", "name", "-name"]


class ProductIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    category: Annotated[str, Field(min_length=1, max_length=50)]
    price_cents: Annotated[int, Field(ge=0, le=100_000_000)]
    stock: Annotated[int, Field(ge=0, le=1_000_000)]


class ProductOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    category: str
    price_cents: int
    stock: int
    created_at: datetime

    @field_validator("created_at")
    @classmethod
    def _as_utc(cls, value: datetime) -> datetime:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


class ProductQuery(BaseModel):
    """Query parameters of GET /products."""

    limit: Annotated[int, Field(ge=1, description="Values above 100 are treated as 100")] = 20
    cursor: str | None = None
    sort: SortKey = "created_at"
    category: str | None = None
    min_price_cents: Annotated[int | None, Field(ge=0)] = None
    max_price_cents: Annotated[int | None, Field(ge=0)] = None
    in_stock: bool | None = None


class ProductPage(BaseModel):
    items: list[ProductOut]
    next_cursor: str | None


class ErrorOut(BaseModel):
    detail: str
