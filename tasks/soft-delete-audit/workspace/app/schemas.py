"""Request and response models."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]
Notes = Annotated[str, StringConstraints(max_length=5000)]


class CustomerIn(BaseModel):
    name: Name
    email: EmailStr
    phone: Phone | None = None
    notes: Notes | None = None


class CustomerPatch(BaseModel):
    name: Name | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    notes: Notes | None = None


class CustomerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str | None
    email: str | None
    phone: str | None
    notes: str | None
    created_at: datetime
    updated_at: datetime


class CustomerPage(BaseModel):
    items: list[CustomerOut]
    total: int
