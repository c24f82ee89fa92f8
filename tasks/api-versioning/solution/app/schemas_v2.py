"""Request and response models of API v2."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, StringConstraints

from app.money import check_amount

GivenName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
FamilyName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=49)]


class Money(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Annotated[str, AfterValidator(check_amount)]
    currency: Literal["EUR", "USD", "GBP"]


class CustomerInV2(BaseModel):
    model_config = ConfigDict(extra="forbid")

    given_name: GivenName
    family_name: FamilyName = ""
    email: EmailStr
    balance: Money = Money(amount="0.00", currency="EUR")


class CustomerOutV2(BaseModel):
    id: int
    given_name: str
    family_name: str
    email: str
    balance: Money
    created_at: datetime


class CustomerPageV2(BaseModel):
    items: list[CustomerOutV2]
    next_cursor: str | None
