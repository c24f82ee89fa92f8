"""HTTP routes: registration, token issue, refresh rotation, logout and the current user."""

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
from app.models import LoginSession, RefreshToken, User
from app.schemas import ErrorOut, RefreshIn, RegisterIn, TokenPairOut, UserOut
from app.security import (
    CurrentUser,
    create_access_token,
    digest,
    hash_password,
    issue_refresh_token,
    revoke_family,
    rotate_refresh_token,
    unauthorized,
    verify_password,
)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    get_settings()  # fail fast without APP_SECRET
    create_schema()
    yield


app = FastAPI(title="Accounts with rotating refresh tokens", version="1.0.0", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]
UNAUTHORIZED = {401: {"model": ErrorOut, "description": "Missing, invalid or expired credentials"}}


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


def _token_pair(user_id: str, session_id: str, refresh_token: str) -> TokenPairOut:
    return TokenPairOut(
        access_token=create_access_token(user_id, session_id),
        expires_in=get_settings().access_ttl_seconds,
        refresh_token=refresh_token,
    )


@app.post(
    "/auth/register",
    status_code=201,
    response_model=UserOut,
    responses={409: {"model": ErrorOut, "description": "Email already registered"}},
)
def register(payload: RegisterIn, session: SessionDep) -> User:
    user = User(email=payload.email.lower(), password_hash=hash_password(payload.password))
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(status_code=409, detail="Email already registered") from None
    return user


@app.post("/auth/token", response_model=TokenPairOut, responses=UNAUTHORIZED)
def issue_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep
) -> TokenPairOut:
    email = form.username.strip().lower()
    user = session.scalar(select(User).where(User.email == email))
    password_ok = verify_password(user.password_hash if user else None, form.password)
    if user is None or not password_ok:
        raise unauthorized("Incorrect email or password")
    family = LoginSession(user_id=user.id)
    session.add(family)
    session.flush()
    refresh_token = issue_refresh_token(session, family.id)
    session.commit()
    return _token_pair(user.id, family.id, refresh_token)


@app.post("/auth/refresh", response_model=TokenPairOut, responses=UNAUTHORIZED)
def refresh(payload: RefreshIn, session: SessionDep) -> TokenPairOut:
    rotated = rotate_refresh_token(session, payload.refresh_token)
    session.commit()  # also persists a family revocation after a replay
    if rotated is None:
        raise unauthorized("Invalid, expired or revoked refresh token")
    user_id, session_id, refresh_token = rotated
    return _token_pair(user_id, session_id, refresh_token)


@app.post("/auth/logout", status_code=204)
def logout(payload: RefreshIn, session: SessionDep) -> Response:
    row = session.get(RefreshToken, digest(payload.refresh_token))
    if row is not None:
        revoke_family(session, row.session_id)
    session.commit()
    return Response(status_code=204)


@app.get("/users/me", response_model=UserOut, responses=UNAUTHORIZED)
def me(user: CurrentUser) -> User:
    return user
