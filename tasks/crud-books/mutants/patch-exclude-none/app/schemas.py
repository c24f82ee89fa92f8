"""Request and response bodies; the validation rules of the contract live here."""

from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)


def _check_isbn13(value: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(value))
    if total % 10:
        raise ValueError("invalid ISBN-13 check digit")
    return value


Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Author = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Isbn = Annotated[str, StringConstraints(pattern=r"^[0-9]{13}$"), AfterValidator(_check_isbn13)]
Year = Annotated[int, Field(ge=1450, le=2100)]
Copies = Annotated[int, Field(ge=0, le=1_000_000)]


class BookIn(BaseModel):
    """Body of POST /books and PUT /books/{id} (PUT is a full replacement)."""

    model_config = ConfigDict(extra="forbid")

    title: Title
    author: Author
    isbn: Isbn
    published_year: Year | None = None
    copies: Copies = 1


class BookPatch(BaseModel):
    """Body of PATCH: only the fields sent change; only published_year may be null."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    author: Author | None = None
    isbn: Isbn | None = None
    published_year: Year | None = None
    copies: Copies | None = None


class BookOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    author: str
    isbn: str
    published_year: int | None
    copies: int


class BookPage(BaseModel):
    items: list[BookOut]
    total: int
    limit: int
    offset: int


class ErrorOut(BaseModel):
    detail: str
