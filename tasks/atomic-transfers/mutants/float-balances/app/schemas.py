"""Request and response models. Money travels as strings with exactly two decimals."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, PlainSerializer, StringConstraints

CENT = Decimal("0.01")
MoneyText = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,15}(\.[0-9]{1,2})?$")]


def _to_float(value: str) -> float:
    return round(float(value), 2)


MoneyIn = Annotated[MoneyText, AfterValidator(_to_float)]
MoneyOut = Annotated[float, PlainSerializer(lambda d: f"{d:.2f}", return_type=str)]


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    owner: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    initial_balance: MoneyIn = 0.0


class AccountOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    owner: str
    balance: MoneyOut
    frozen: bool
    created_at: datetime


class TransferIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    from_account_id: uuid.UUID
    to_account_id: uuid.UUID
    amount: MoneyIn


class TransferOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    from_account_id: uuid.UUID
    to_account_id: uuid.UUID
    amount: MoneyOut
    created_at: datetime
