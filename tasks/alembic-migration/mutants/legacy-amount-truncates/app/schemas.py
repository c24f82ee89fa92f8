"""Request and response models. Legacy request shapes (full_name, amount) are still accepted."""

from typing import Annotated, Self

from app.names import split_full_name
from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

FirstName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
LastName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
FullName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class CustomerIn(BaseModel):
    first_name: FirstName | None = None
    last_name: LastName = ""
    full_name: FullName | None = None
    email: EmailStr

    @model_validator(mode="after")
    def _names(self) -> Self:
        if self.first_name is None:
            if self.full_name is None:
                raise ValueError("first_name (or the legacy full_name) is required")
            self.first_name, self.last_name = split_full_name(self.full_name)
        return self


class CustomerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    first_name: str
    last_name: str
    full_name: str
    email: str


class OrderIn(BaseModel):
    amount_cents: int | None = Field(default=None, ge=1, strict=True)
    amount: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _cents(self) -> Self:
        if self.amount_cents is None:
            if self.amount is None:
                raise ValueError("amount_cents (or the legacy amount) is required")
            self.amount_cents = int(self.amount * 100)
            if self.amount_cents < 1:
                raise ValueError("amount must be at least 0.01")
        return self


class OrderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    customer_id: int
    amount_cents: int
    amount: float
