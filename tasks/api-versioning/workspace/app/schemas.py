"""Request and response models of API v1."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, StringConstraints

from app.money import check_amount

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Amount = Annotated[str, AfterValidator(check_amount)]
Currency = Literal["EUR", "USD", "GBP"]


class CustomerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    email: EmailStr
    balance: Amount = "0.00"
    currency: Currency = "EUR"


class CustomerPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    email: EmailStr | None = None
    balance: Amount | None = None


class CustomerOut(BaseModel):
    id: int
    name: str
    email: str
    balance: str
    currency: str
    created_at: datetime


class CustomerPage(BaseModel):
    data: list[CustomerOut]
    page: int
    per_page: int
    total: int
