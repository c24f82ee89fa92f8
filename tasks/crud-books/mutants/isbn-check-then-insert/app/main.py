"""HTTP routes of the library books service."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.responses import JSONResponse
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import create_schema, database_ready, get_session
from app.models import Book
from app.schemas import BookIn, BookOut, BookPage, BookPatch, ErrorOut


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Library books", version="1.0.0", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]
NOT_FOUND = {404: {"model": ErrorOut, "description": "No book with this id"}}
CONFLICT = {409: {"model": ErrorOut, "description": "Another book has this ISBN"}}


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


def _get_or_404(session: Session, book_id: int) -> Book:
    book = session.get(Book, book_id)
    if book is None:
        raise HTTPException(status_code=404, detail="Book not found")
    return book


def _commit_or_409(session: Session) -> None:
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        detail = "A book with this ISBN already exists"
        raise HTTPException(status_code=409, detail=detail) from None


@app.post("/books", status_code=201, response_model=BookOut, responses=CONFLICT)
def create_book(payload: BookIn, response: Response, session: SessionDep) -> Book:
    if session.scalar(select(Book.id).where(Book.isbn == payload.isbn)) is not None:
        raise HTTPException(status_code=409, detail="A book with this ISBN already exists")
    time.sleep(0.2)  # stands in for the work a real service does between check and write
    book = Book(**payload.model_dump())
    session.add(book)
    _commit_or_409(session)
    response.headers["Location"] = f"/books/{book.id}"
    return book


@app.get("/books", response_model=BookPage)
def list_books(
    session: SessionDep,
    author: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> BookPage:
    query = select(Book)
    if author is not None:
        query = query.where(Book.author == author)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Book.id).limit(limit).offset(offset)).all()
    items = [BookOut.model_validate(b) for b in rows]
    return BookPage(items=items, total=total, limit=limit, offset=offset)


@app.get("/books/{book_id}", response_model=BookOut, responses=NOT_FOUND)
def get_book(book_id: int, session: SessionDep) -> Book:
    return _get_or_404(session, book_id)


@app.put("/books/{book_id}", response_model=BookOut, responses={**NOT_FOUND, **CONFLICT})
def replace_book(book_id: int, payload: BookIn, session: SessionDep) -> Book:
    book = _get_or_404(session, book_id)
    for field, value in payload.model_dump().items():
        setattr(book, field, value)
    _commit_or_409(session)
    return book


@app.patch("/books/{book_id}", response_model=BookOut, responses={**NOT_FOUND, **CONFLICT})
def update_book(book_id: int, payload: BookPatch, session: SessionDep) -> Book:
    book = _get_or_404(session, book_id)
    for field, value in payload.model_dump(exclude_unset=True).items():
        setattr(book, field, value)
    _commit_or_409(session)
    return book


@app.delete("/books/{book_id}", status_code=204, responses=NOT_FOUND)
def delete_book(book_id: int, session: SessionDep) -> Response:
    book = _get_or_404(session, book_id)
    session.delete(book)
    session.commit()
    return Response(status_code=204)
