"""Request validation. Pydantic reports every problem at once; app.problems turns them into
JSON pointers."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr

CURRENCIES = ("EUR", "USD", "GBP", "CHF", "SEK")
AMOUNT_RE = re.compile(r"^(0|[1-9][0-9]{0,6})\.[0-9]{2}$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
SKU_RE = r"^[A-Z0-9-]{3,32}$"


def _amount(value: str) -> str:
    if not AMOUNT_RE.fullmatch(value):
        raise ValueError('must be a decimal string with exactly two decimals, e.g. "12.50"')
    if Decimal(value) <= 0:
        raise ValueError("must be greater than 0.00")
    return value


def _future_date(value: str) -> date:
    if not DATE_RE.fullmatch(value):
        raise ValueError("must be a date in the form YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ValueError("is not a valid calendar date") from None
    if parsed <= datetime.now(UTC).date():
        raise ValueError("must be after today (UTC)")
    return parsed


Amount = Annotated[StrictStr, AfterValidator(_amount)]
FutureDate = Annotated[StrictStr, AfterValidator(_future_date)]


class ItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sku: Annotated[StrictStr, Field(pattern=SKU_RE)]
    quantity: Annotated[StrictInt, Field(ge=1, le=1000)]
    unit_price: Amount


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer_id: Annotated[StrictStr, Field(min_length=1, max_length=64)]
    currency: Literal["EUR", "USD", "GBP", "CHF", "SEK"]
    items: Annotated[list[ItemIn], Field(min_length=1, max_length=50)]
    delivery_date: FutureDate
    note: Annotated[StrictStr, Field(max_length=500)] | None = None


class ItemOut(BaseModel):
    sku: str
    quantity: int
    unit_price: str
    line_total: str


class OrderOut(BaseModel):
    id: int
    customer_id: str
    currency: str
    items: list[ItemOut]
    total: str
    delivery_date: date
    note: str | None
    created_at: datetime


class OrderList(BaseModel):
    items: list[OrderOut]
