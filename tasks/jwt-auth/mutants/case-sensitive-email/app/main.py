"""HTTP routes: registration, token issue, the current user and their notes."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Response
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import create_schema, database_ready, get_session
from app.models import Note, User
from app.schemas import (
    ErrorOut,
    NoteIn,
    NoteOut,
    NotePatch,
    RegisterIn,
    TokenOut,
    UserOut,
)
from app.security import (
    CurrentUser,
    create_access_token,
    hash_password,
    unauthorized,
    verify_password,
)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    get_settings()  # fail fast without APP_SECRET
    create_schema()
    yield


app = FastAPI(title="Notes with JWT auth", version="1.0.0", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]
UNAUTHORIZED = {401: {"model": ErrorOut, "description": "Missing, invalid or expired token"}}
NOT_FOUND = {404: {"model": ErrorOut, "description": "No such note of yours"}}


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post(
    "/auth/register",
    status_code=201,
    response_model=UserOut,
    responses={409: {"model": ErrorOut, "description": "Email already registered"}},
)
def register(payload: RegisterIn, session: SessionDep) -> User:
    user = User(email=payload.email, password_hash=hash_password(payload.password))
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(status_code=409, detail="Email already registered") from None
    return user


@app.post("/auth/token", response_model=TokenOut, responses=UNAUTHORIZED)
def issue_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep
) -> TokenOut:
    email = form.username.strip()
    user = session.scalar(select(User).where(User.email == email))
    password_ok = verify_password(user.password_hash if user else None, form.password)
    if user is None or not password_ok:
        raise unauthorized("Incorrect email or password")
    return TokenOut(
        access_token=create_access_token(user.id),
        expires_in=get_settings().access_ttl_seconds,
    )


@app.get("/users/me", response_model=UserOut, responses=UNAUTHORIZED)
def me(user: CurrentUser) -> User:
    return user


def _own_note(session: Session, user: User, note_id: str) -> Note:
    note = session.scalar(select(Note).where(Note.id == note_id, Note.owner_id == user.id))
    if note is None:
        raise HTTPException(status_code=404, detail="Note not found")
    return note


@app.post("/notes", status_code=201, response_model=NoteOut, responses=UNAUTHORIZED)
def create_note(payload: NoteIn, user: CurrentUser, session: SessionDep) -> Note:
    note = Note(owner_id=user.id, title=payload.title, body=payload.body)
    session.add(note)
    session.commit()
    return note


@app.get("/notes", response_model=list[NoteOut], responses=UNAUTHORIZED)
def list_notes(user: CurrentUser, session: SessionDep) -> list[Note]:
    query = select(Note).where(Note.owner_id == user.id).order_by(Note.created_at, Note.id)
    return list(session.scalars(query))


@app.get("/notes/{note_id}", response_model=NoteOut, responses={**UNAUTHORIZED, **NOT_FOUND})
def get_note(note_id: str, user: CurrentUser, session: SessionDep) -> Note:
    return _own_note(session, user, note_id)


@app.patch("/notes/{note_id}", response_model=NoteOut, responses={**UNAUTHORIZED, **NOT_FOUND})
def update_note(note_id: str, payload: NotePatch, user: CurrentUser, session: SessionDep) -> Note:
    note = _own_note(session, user, note_id)
    for field, value in payload.model_dump(exclude_unset=True).items():
        setattr(note, field, value)
    session.commit()
    return note


@app.delete("/notes/{note_id}", status_code=204, responses={**UNAUTHORIZED, **NOT_FOUND})
def delete_note(note_id: str, user: CurrentUser, session: SessionDep) -> Response:
    session.delete(_own_note(session, user, note_id))
    session.commit()
    return Response(status_code=204)
