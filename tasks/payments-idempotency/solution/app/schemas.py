"""Request and response bodies."""

from pydantic import BaseModel, ConfigDict, Field


class PaymentIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    amount: int = Field(gt=0, le=100_000_000, strict=True)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    description: str = Field(default="", max_length=200)


class PaymentOut(BaseModel):
    id: str
    amount: int
    currency: str
    description: str
    status: str
    created_at: str


class ErrorOut(BaseModel):
    detail: str
