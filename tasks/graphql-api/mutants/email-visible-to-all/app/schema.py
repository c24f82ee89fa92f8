"""The GraphQL schema: authors, books and reviews, with cursor pagination and field-level authz."""

import base64
import os
from dataclasses import dataclass

import strawberry
from app import models
from app.auth import Viewer, new_token
from app.errors import bad_input, forbidden, not_found, unauthenticated
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.types import Info

MAX_PAGE = 50


@dataclass
class Context:
    session: Session
    viewer: Viewer


def ctx(info: Info) -> Context:
    return info.context["app"]


def require_author(info: Info) -> str:
    viewer = ctx(info).viewer
    if viewer.invalid_token or not viewer.authenticated:
        raise unauthenticated()
    if viewer.author_id is None:
        raise forbidden("only authors can do this")
    return viewer.author_id


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"book:{seq}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        kind, _, seq = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind != "book":
            raise ValueError(kind)
        return int(seq)
    except ValueError:
        raise bad_input("invalid cursor") from None


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class BookEdge:
    cursor: str
    node: "Book"


@strawberry.type
class BookConnection:
    edges: list[BookEdge]
    page_info: PageInfo
    total_count: int


def book_page(info: Info, first: int, after: str | None, author_id: str | None) -> BookConnection:
    if not 1 <= first <= MAX_PAGE:
        raise bad_input(f"first must be between 1 and {MAX_PAGE}")
    session = ctx(info).session
    query = select(models.Book)
    count = select(func.count()).select_from(models.Book)
    if author_id is not None:
        query = query.where(models.Book.author_id == author_id)
        count = count.where(models.Book.author_id == author_id)
    if after is not None:
        query = query.where(models.Book.seq > decode_cursor(after))
    rows = list(session.scalars(query.order_by(models.Book.seq).limit(first + 1)))
    page = rows[:first]
    edges = [BookEdge(cursor=encode_cursor(b.seq), node=Book.from_row(b)) for b in page]
    return BookConnection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None
        ),
        total_count=session.scalar(count) or 0,
    )


@strawberry.type
class Author:
    id: strawberry.ID
    name: str
    _email: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.Author) -> "Author":
        return cls(id=strawberry.ID(row.id), name=row.name, _email=row.email)

    @strawberry.field(description="Visible only to this author and to the admin; else null.")
    def email(self, info: Info) -> str | None:
        viewer = ctx(info).viewer
        if viewer.invalid_token:
            raise forbidden("invalid token")
        return self._email

    @strawberry.field
    def books(self, info: Info, first: int = 10, after: str | None = None) -> BookConnection:
        return book_page(info, first, after, self.id)


@strawberry.type
class Review:
    id: strawberry.ID
    rating: int
    body: str
    _book_id: strawberry.Private[str]
    _reviewer_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.Review) -> "Review":
        return cls(
            id=strawberry.ID(row.id),
            rating=row.rating,
            body=row.body,
            _book_id=row.book_id,
            _reviewer_id=row.reviewer_id,
        )

    @strawberry.field
    def reviewer(self, info: Info) -> Author:
        return Author.from_row(ctx(info).session.get(models.Author, self._reviewer_id))

    @strawberry.field
    def book(self, info: Info) -> "Book":
        row = ctx(info).session.scalar(select(models.Book).where(models.Book.id == self._book_id))
        return Book.from_row(row)


@strawberry.type
class Book:
    id: strawberry.ID
    title: str
    year: int | None
    _author_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.Book) -> "Book":
        return cls(
            id=strawberry.ID(row.id), title=row.title, year=row.year, _author_id=row.author_id
        )

    @strawberry.field
    def author(self, info: Info) -> Author:
        return Author.from_row(ctx(info).session.get(models.Author, self._author_id))

    @strawberry.field
    def reviews(self, info: Info) -> list[Review]:
        rows = ctx(info).session.scalars(
            select(models.Review)
            .where(models.Review.book_id == self.id)
            .order_by(models.Review.seq)
        )
        return [Review.from_row(r) for r in rows]

    @strawberry.field
    def average_rating(self, info: Info) -> float | None:
        value = ctx(info).session.scalar(
            select(func.avg(models.Review.rating)).where(models.Review.book_id == self.id)
        )
        return None if value is None else round(float(value), 2)


@strawberry.type
class CreateAuthorPayload:
    author: Author
    token: str


def _book_row(session: Session, book_id: str) -> models.Book:
    row = session.scalar(select(models.Book).where(models.Book.id == book_id))
    if row is None:
        raise not_found("book")
    return row


def _title(title: str) -> str:
    title = title.strip()
    if not 1 <= len(title) <= 200:
        raise bad_input("title must have 1-200 characters")
    return title


def _year(year: int | None) -> int | None:
    if year is not None and not 0 <= year <= 2100:
        raise bad_input("year must be between 0 and 2100")
    return year


@strawberry.type
class Query:
    @strawberry.field(description="The calling author, or null for anonymous and admin callers.")
    def me(self, info: Info) -> Author | None:
        viewer = ctx(info).viewer
        if viewer.author_id is None:
            return None
        return Author.from_row(ctx(info).session.get(models.Author, viewer.author_id))

    @strawberry.field
    def author(self, info: Info, id: strawberry.ID) -> Author | None:
        row = ctx(info).session.get(models.Author, str(id))
        return Author.from_row(row) if row else None

    @strawberry.field
    def book(self, info: Info, id: strawberry.ID) -> Book | None:
        row = ctx(info).session.scalar(select(models.Book).where(models.Book.id == str(id)))
        return Book.from_row(row) if row else None

    @strawberry.field
    def books(self, info: Info, first: int = 10, after: str | None = None) -> BookConnection:
        return book_page(info, first, after, None)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Admin only. The token is shown only here.")
    def create_author(self, info: Info, name: str, email: str) -> CreateAuthorPayload:
        viewer, session = ctx(info).viewer, ctx(info).session
        if viewer.invalid_token or not viewer.authenticated:
            raise unauthenticated()
        if not viewer.is_admin:
            raise forbidden("only the admin can create authors")
        name, email = name.strip(), email.strip().lower()
        if not 1 <= len(name) <= 200:
            raise bad_input("name must have 1-200 characters")
        local, _, domain = email.partition("@")
        if not local or "." not in domain or len(email) > 320:
            raise bad_input("email is not valid")
        token, token_hash = new_token()
        row = models.Author(name=name, email=email, token_hash=token_hash)
        session.add(row)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            raise bad_input("email already registered") from None
        return CreateAuthorPayload(author=Author.from_row(row), token=token)

    @strawberry.mutation
    def create_book(self, info: Info, title: str, year: int | None = None) -> Book:
        author_id = require_author(info)
        session = ctx(info).session
        row = models.Book(author_id=author_id, title=_title(title), year=_year(year))
        session.add(row)
        session.commit()
        return Book.from_row(row)

    @strawberry.mutation(description="Only the book's author or the admin.")
    def update_book(
        self, info: Info, id: strawberry.ID, title: str | None = None, year: int | None = None
    ) -> Book:
        viewer, session = ctx(info).viewer, ctx(info).session
        if viewer.invalid_token or not viewer.authenticated:
            raise unauthenticated()
        row = _book_row(session, str(id))
        if not viewer.is_admin and row.author_id != viewer.author_id:
            raise forbidden("only the book's author can change it")
        if title is not None:
            row.title = _title(title)
        if year is not None:
            row.year = _year(year)
        session.commit()
        return Book.from_row(row)

    @strawberry.mutation
    def add_review(self, info: Info, book_id: strawberry.ID, rating: int, body: str = "") -> Review:
        reviewer_id = require_author(info)
        session = ctx(info).session
        book = _book_row(session, str(book_id))
        if not 1 <= rating <= 5:
            raise bad_input("rating must be between 1 and 5")
        if len(body) > 2000:
            raise bad_input("body must have at most 2000 characters")
        row = models.Review(book_id=book.id, reviewer_id=reviewer_id, rating=rating, body=body)
        session.add(row)
        session.commit()
        return Review.from_row(row)


def max_depth() -> int:
    return int(os.environ.get("MAX_QUERY_DEPTH", "5"))


schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    extensions=[
        lambda: QueryDepthLimiter(max_depth=max_depth()),
        lambda: MaxAliasesLimiter(max_alias_count=30),
    ],
)
