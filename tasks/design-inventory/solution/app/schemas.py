"""Request and response bodies (these models are also the documented OpenAPI schemas)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["pending", "confirmed", "released", "expired"]


class ProductIn(BaseModel):
    sku: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    on_hand: int = Field(ge=0, le=1_000_000)


class ProductOut(BaseModel):
    id: int
    sku: str
    name: str
    on_hand: int = Field(description="Units physically in stock (confirmed sales removed)")
    reserved: int = Field(description="Units held by pending, unexpired reservations")
    available: int = Field(description="on_hand - reserved: what can still be reserved")


class ReservationIn(BaseModel):
    product_id: int
    quantity: int = Field(ge=1, le=1000)


class ReservationOut(BaseModel):
    id: str
    product_id: int
    quantity: int
    status: Status
    created_at: datetime
    expires_at: datetime


class ErrorOut(BaseModel):
    detail: str
