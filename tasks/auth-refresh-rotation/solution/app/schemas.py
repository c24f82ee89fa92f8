"""Request and response bodies."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field

Password = Annotated[str, Field(min_length=8, max_length=128)]


class RegisterIn(BaseModel):
    email: EmailStr
    password: Password


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str


class TokenPairOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str


class RefreshIn(BaseModel):
    refresh_token: Annotated[str, Field(min_length=1, max_length=512)]


class ErrorOut(BaseModel):
    detail: str
