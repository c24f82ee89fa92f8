"""Notes service: accounts, bearer tokens, private notes and an admin user list."""

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth import CurrentUser, create_token, hash_password, verify_password
from app.db import Base, SessionLocal, database_ready, engine, get_session
from app.models import Note, User

log = logging.getLogger("app")


def _seed_admin() -> None:
    admin_name = os.environ.get("ADMIN_USERNAME")
    admin_password = os.environ.get("ADMIN_PASSWORD")
    if not (admin_name and admin_password):
        return
    with SessionLocal() as session:
        if session.scalar(select(User).where(User.username == admin_name)) is not None:
            return
        session.add(
            User(username=admin_name, password_hash=hash_password(admin_password), is_admin=True)
        )
        try:
            session.commit()
        except IntegrityError:  # another worker seeded it first
            session.rollback()


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    Base.metadata.create_all(engine)
    _seed_admin()
    yield


# debug stays off: tracebacks belong in the log, never in a response
app = FastAPI(title="Notes", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]


@app.exception_handler(Exception)
async def internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "Internal server error"}, status_code=500)


class UserIn(BaseModel):
    # only these fields are read from the body; anything else (is_admin, id...) is ignored
    model_config = ConfigDict(extra="ignore")

    username: str = Field(min_length=3, max_length=50, pattern=r"^[a-z0-9_]+$")
    password: str = Field(min_length=8, max_length=128)


class LoginIn(BaseModel):
    username: str
    password: str


class NoteIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(default="", max_length=10000)


def user_out(user: User) -> dict:
    return {"id": user.id, "username": user.username, "is_admin": user.is_admin}


def note_out(note: Note) -> dict:
    return {"id": note.id, "title": note.title, "body": note.body, "owner_id": note.owner_id}


def _own_note(session: Session, user: User, note_id: int) -> Note:
    note = session.scalar(select(Note).where(Note.id == note_id, Note.owner_id == user.id))
    if note is None:
        raise HTTPException(404, "Note not found")
    return note


def _like_pattern(q: str) -> str:
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}


@app.get("/readyz")
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post("/users", status_code=201)
def register(payload: UserIn, session: SessionDep) -> dict:
    user = User(
        username=payload.username, password_hash=hash_password(payload.password), is_admin=False
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(409, "Username already taken") from None
    return user_out(user)


@app.post("/auth/login")
def login(payload: LoginIn, session: SessionDep) -> dict:
    user = session.scalar(select(User).where(User.username == payload.username))
    if not verify_password(user.password_hash if user else None, payload.password):
        raise HTTPException(401, "Invalid username or password")
    return {"access_token": create_token(user), "token_type": "bearer"}


@app.get("/users/me")
def me(user: CurrentUser) -> dict:
    return user_out(user)


@app.get("/admin/users")
def admin_users(user: CurrentUser, session: SessionDep) -> list[dict]:
    if not user.is_admin:
        raise HTTPException(403, "Admins only")
    return [user_out(u) for u in session.scalars(select(User).order_by(User.id))]


@app.post("/notes", status_code=201)
def create_note(payload: NoteIn, user: CurrentUser, session: SessionDep) -> dict:
    note = Note(owner_id=user.id, title=payload.title, body=payload.body)
    session.add(note)
    session.commit()
    return note_out(note)


@app.get("/notes")
def list_notes(user: CurrentUser, session: SessionDep) -> list[dict]:
    notes = session.scalars(select(Note).where(Note.owner_id == user.id).order_by(Note.id))
    return [note_out(n) for n in notes]


@app.get("/notes/search")
def search_notes(q: str, user: CurrentUser, session: SessionDep) -> list[dict]:
    pattern = _like_pattern(q)
    notes = session.scalars(
        select(Note)
        .where(
            Note.owner_id == user.id,
            or_(Note.title.like(pattern, escape="\\"), Note.body.like(pattern, escape="\\")),
        )
        .order_by(Note.id)
    )
    return [note_out(n) for n in notes]


@app.get("/notes/{note_id}")
def get_note(note_id: int, user: CurrentUser, session: SessionDep) -> dict:
    return note_out(_own_note(session, user, note_id))


@app.delete("/notes/{note_id}", status_code=204)
def delete_note(note_id: int, user: CurrentUser, session: SessionDep) -> Response:
    session.delete(_own_note(session, user, note_id))
    session.commit()
    return Response(status_code=204)
