"""Request and response bodies."""

from pydantic import BaseModel, Field


class DocumentIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    content: str = Field(default="", max_length=10_000)


class DocumentPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    content: str | None = Field(default=None, max_length=10_000)


class DocumentOut(BaseModel):
    id: str
    title: str
    content: str
    version: int


class ErrorOut(BaseModel):
    detail: str
