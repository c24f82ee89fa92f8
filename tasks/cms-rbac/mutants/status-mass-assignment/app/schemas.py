"""Request and response bodies."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    AUTHOR = "author"
    VIEWER = "viewer"


class Status(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"


Password = Annotated[str, Field(min_length=8, max_length=128)]
Title = Annotated[str, Field(min_length=1, max_length=200)]
Body = Annotated[str, Field(max_length=20_000)]


class RegisterIn(BaseModel):
    email: EmailStr
    password: Password


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str
    role: Role


class RoleIn(BaseModel):
    role: Role


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class ArticleIn(BaseModel):
    title: Title
    body: Body = ""
    status: Status = Status.DRAFT


class ArticlePatch(BaseModel):
    title: Title | None = None
    body: Body | None = None

    @field_validator("title", "body", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("may not be null")
        return value


class TransitionIn(BaseModel):
    to: Status


class ArticleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    title: str
    body: str
    status: Status
    author_id: str
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None


class ErrorOut(BaseModel):
    detail: str
