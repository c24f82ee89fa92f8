"""Request and response bodies."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_serializer, field_validator

Password = Annotated[str, Field(min_length=8, max_length=128)]


class Scope(StrEnum):
    READ_ITEMS = "read:items"
    WRITE_ITEMS = "write:items"


class RegisterIn(BaseModel):
    email: EmailStr
    password: Password


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class ApiKeyIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    scopes: Annotated[list[Scope], Field(min_length=1)]

    @field_validator("scopes")
    @classmethod
    def _unique(cls, value: list[Scope]) -> list[Scope]:
        return sorted(set(value))


def _utc(value: datetime | None) -> str | None:
    """SQLite hands back naive datetimes; they are UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    prefix: str
    scopes: list[str]
    revoked: bool
    created_at: datetime
    last_used_at: datetime | None

    @field_serializer("created_at", "last_used_at")
    def _dates(self, value: datetime | None) -> str | None:
        return _utc(value)


class ApiKeyCreated(ApiKeyOut):
    key: str


class ItemIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    quantity: Annotated[int, Field(ge=0)] = 0


class ItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    quantity: int


class ErrorOut(BaseModel):
    detail: str
