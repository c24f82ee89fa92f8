"""Request and response bodies."""

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, EmailStr, Field, field_validator

Password = Annotated[str, Field(min_length=8, max_length=128)]
Department = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[a-z0-9-]+$")]
Title = Annotated[str, Field(min_length=1, max_length=200)]
Content = Annotated[str, Field(max_length=50_000)]


class Classification(StrEnum):
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"


class GrantRole(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"


class RegisterIn(BaseModel):
    email: EmailStr
    password: Password
    department: Department


class UserOut(BaseModel):
    id: str
    email: str
    department: str


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class DocumentIn(BaseModel):
    title: Title
    content: Content = ""
    classification: Classification = Classification.INTERNAL


class DocumentPatch(BaseModel):
    title: Title | None = None
    content: Content | None = None
    classification: Classification | None = None

    @field_validator("title", "content", "classification", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("may not be null")
        return value


class DocumentOut(BaseModel):
    id: str
    title: str
    content: str
    classification: Classification
    owner_id: str
    department: str
    link_sharing: bool
    access: str


class ShareIn(BaseModel):
    email: EmailStr
    role: GrantRole


class ShareOut(BaseModel):
    user_id: str
    email: str
    role: GrantRole


class LinkIn(BaseModel):
    enabled: bool


class LinkOut(BaseModel):
    enabled: bool
    token: str | None


class SharedDocumentOut(BaseModel):
    id: str
    title: str
    content: str


class ErrorOut(BaseModel):
    detail: str
