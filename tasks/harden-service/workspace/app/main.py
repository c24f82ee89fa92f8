import os

from fastapi import Depends, FastAPI, HTTPException, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth import create_token, current_user
from app.db import Base, SessionLocal, database_ready, engine, get_session
from app.models import Note, User

app = FastAPI(title="Notes", debug=True)


@app.on_event("startup")
def startup() -> None:
    Base.metadata.create_all(engine)
    admin_name = os.environ.get("ADMIN_USERNAME")
    admin_password = os.environ.get("ADMIN_PASSWORD")
    if admin_name and admin_password:
        with SessionLocal() as session:
            exists = session.scalar(select(User).where(User.username == admin_name))
            if exists is None:
                session.add(User(username=admin_name, password=admin_password, is_admin=True))
                try:
                    session.commit()
                except IntegrityError:
                    session.rollback()


class UserIn(BaseModel):
    username: str = Field(min_length=3, max_length=50, pattern=r"^[a-z0-9_]+$")
    password: str = Field(min_length=8, max_length=128)
    is_admin: bool = False


class LoginIn(BaseModel):
    username: str
    password: str


class NoteIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(default="", max_length=10000)


def user_out(user: User) -> dict:
    return {c.name: getattr(user, c.name) for c in User.__table__.columns}


def note_out(note: Note) -> dict:
    return {"id": note.id, "title": note.title, "body": note.body, "owner_id": note.owner_id}


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/readyz")
def readyz():
    if database_ready():
        return {"status": "ready"}
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post("/users", status_code=201)
def register(payload: UserIn, session: Session = Depends(get_session)):
    user = User(**payload.model_dump())
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(409, "Username already taken")
    return user_out(user)


@app.post("/auth/login")
def login(payload: LoginIn, session: Session = Depends(get_session)):
    user = session.scalar(select(User).where(User.username == payload.username))
    if user is None or user.password != payload.password:
        raise HTTPException(401, "Invalid username or password")
    return {"access_token": create_token(user), "token_type": "bearer"}


@app.get("/users/me")
def me(user: User = Depends(current_user)):
    return user_out(user)


@app.get("/admin/users")
def admin_users(user: User = Depends(current_user), session: Session = Depends(get_session)):
    if not user.is_admin:
        raise HTTPException(403, "Admins only")
    return [user_out(u) for u in session.scalars(select(User).order_by(User.id))]


@app.post("/notes", status_code=201)
def create_note(
    payload: NoteIn, user: User = Depends(current_user), session: Session = Depends(get_session)
):
    note = Note(owner_id=user.id, title=payload.title, body=payload.body)
    session.add(note)
    session.commit()
    return note_out(note)


@app.get("/notes")
def list_notes(user: User = Depends(current_user), session: Session = Depends(get_session)):
    notes = session.scalars(select(Note).where(Note.owner_id == user.id).order_by(Note.id))
    return [note_out(n) for n in notes]


@app.get("/notes/search")
def search_notes(
    q: str, user: User = Depends(current_user), session: Session = Depends(get_session)
):
    sql = (
        "SELECT id, title, body, owner_id FROM notes "
        f"WHERE owner_id = {user.id} AND (title LIKE '%{q}%' OR body LIKE '%{q}%') ORDER BY id"
    )
    rows = session.execute(text(sql)).all()
    return [{"id": r[0], "title": r[1], "body": r[2], "owner_id": r[3]} for r in rows]


@app.get("/notes/{note_id}")
def get_note(note_id: int, user: User = Depends(current_user), session: Session = Depends(get_session)):
    note = session.get(Note, note_id)
    if note is None:
        raise HTTPException(404, "Note not found")
    return note_out(note)


@app.delete("/notes/{note_id}", status_code=204)
def delete_note(
    note_id: int, user: User = Depends(current_user), session: Session = Depends(get_session)
):
    note = session.get(Note, note_id)
    if note is None or note.owner_id != user.id:
        raise HTTPException(404, "Note not found")
    session.delete(note)
    session.commit()
    return Response(status_code=204)
