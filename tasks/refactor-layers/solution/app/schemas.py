"""Request bodies."""

from typing import Literal

from pydantic import BaseModel, Field


class CustomerIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    email: str = Field(min_length=3, max_length=200, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    tier: Literal["standard", "gold"] = "standard"


class ProductIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price_cents: int = Field(ge=1, le=10_000_000)


class Line(BaseModel):
    product_id: int
    quantity: int = Field(ge=1, le=100)


class OrderIn(BaseModel):
    customer_id: int
    items: list[Line] = Field(min_length=1, max_length=50)
