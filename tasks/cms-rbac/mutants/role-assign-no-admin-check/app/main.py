"""HTTP routes: accounts and roles, articles and their publishing workflow."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import policy
from app.config import get_settings
from app.db import SessionLocal, create_schema, database_ready, get_session
from app.models import Article, User, utcnow
from app.schemas import (
    ArticleIn,
    ArticleOut,
    ArticlePatch,
    ErrorOut,
    RegisterIn,
    Role,
    RoleIn,
    Status,
    TokenOut,
    TransitionIn,
    UserOut,
)
from app.security import (
    CurrentUser,
    create_access_token,
    forbidden,
    hash_password,
    unauthorized,
    verify_password,
)


def bootstrap_admin() -> None:
    """Create the ADMIN_EMAIL account once; safe when several workers start together."""
    settings = get_settings()
    if not settings.admin_email or not settings.admin_password:
        return
    with SessionLocal() as session:  # BEGIN IMMEDIATE: workers take turns here
        if session.scalar(select(User).where(User.email == settings.admin_email)) is None:
            session.add(
                User(
                    email=settings.admin_email,
                    password_hash=hash_password(settings.admin_password),
                    role=Role.ADMIN,
                )
            )
        try:
            session.commit()
        except IntegrityError:
            session.rollback()


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    get_settings()  # fail fast without APP_SECRET
    create_schema()
    bootstrap_admin()
    yield


app = FastAPI(title="CMS with RBAC", version="1.0.0", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]
ERRORS = {
    401: {"model": ErrorOut, "description": "Missing, invalid or expired token"},
    403: {"model": ErrorOut, "description": "Not allowed for your role"},
    404: {"model": ErrorOut, "description": "Not found (or not visible to you)"},
}


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


# -- accounts -------------------------------------------------------------------------------


@app.post("/auth/register", status_code=201, response_model=UserOut)
def register(payload: RegisterIn, session: SessionDep) -> User:
    user = User(
        email=payload.email.lower(), password_hash=hash_password(payload.password), role="viewer"
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(status_code=409, detail="Email already registered") from None
    return user


@app.post("/auth/token", response_model=TokenOut)
def issue_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep
) -> TokenOut:
    user = session.scalar(select(User).where(User.email == form.username.strip().lower()))
    password_ok = verify_password(user.password_hash if user else None, form.password)
    if user is None or not password_ok:
        raise unauthorized("Incorrect email or password")
    return TokenOut(
        access_token=create_access_token(user.id),
        expires_in=get_settings().access_ttl_seconds,
    )


@app.get("/users/me", response_model=UserOut, responses=ERRORS)
def me(user: CurrentUser) -> User:
    return user


def _require_admin(user: User) -> None:
    if user.role != Role.ADMIN:
        raise forbidden("Only admins manage users")


@app.get("/users", response_model=list[UserOut], responses=ERRORS)
def list_users(user: CurrentUser, session: SessionDep) -> list[User]:
    _require_admin(user)
    return list(session.scalars(select(User).order_by(User.created_at, User.id)))


@app.put("/users/{user_id}/role", response_model=UserOut, responses=ERRORS)
def set_role(user_id: str, payload: RoleIn, user: CurrentUser, session: SessionDep) -> User:
    target = session.get(User, user_id)
    if target is None:
        raise HTTPException(status_code=404, detail="User not found")
    if target.id == user.id:
        raise HTTPException(status_code=409, detail="Admins cannot change their own role")
    target.role = payload.role
    session.commit()
    return target


# -- articles -------------------------------------------------------------------------------


def _visible_article(session: Session, user: User, article_id: str) -> Article:
    article = session.scalar(
        select(Article).where(Article.id == article_id, policy.visible_filter(user))
    )
    if article is None:
        raise HTTPException(status_code=404, detail="Article not found")
    return article


@app.post("/articles", status_code=201, response_model=ArticleOut, responses=ERRORS)
def create_article(payload: ArticleIn, user: CurrentUser, session: SessionDep) -> Article:
    if not policy.can_create(user):
        raise forbidden("Viewers cannot write articles")
    now = utcnow()
    article = Article(
        author_id=user.id,
        title=payload.title,
        body=payload.body,
        status=Status.DRAFT,
        created_at=now,
        updated_at=now,
    )
    session.add(article)
    session.commit()
    return article


@app.get("/articles", response_model=list[ArticleOut], responses=ERRORS)
def list_articles(
    user: CurrentUser, session: SessionDep, status: Annotated[Status | None, Query()] = None
) -> list[Article]:
    query = select(Article).where(policy.visible_filter(user))
    if status is not None:
        query = query.where(Article.status == status)
    return list(session.scalars(query.order_by(Article.created_at, Article.id)))


@app.get("/articles/{article_id}", response_model=ArticleOut, responses=ERRORS)
def get_article(article_id: str, user: CurrentUser, session: SessionDep) -> Article:
    return _visible_article(session, user, article_id)


@app.patch("/articles/{article_id}", response_model=ArticleOut, responses=ERRORS)
def update_article(
    article_id: str, payload: ArticlePatch, user: CurrentUser, session: SessionDep
) -> Article:
    article = _visible_article(session, user, article_id)
    if not policy.can_edit(user, article):
        raise forbidden("You may not edit this article")
    for field, value in payload.model_dump(exclude_unset=True).items():
        setattr(article, field, value)
    article.updated_at = utcnow()
    session.commit()
    return article


@app.delete("/articles/{article_id}", status_code=204, responses=ERRORS)
def delete_article(article_id: str, user: CurrentUser, session: SessionDep) -> Response:
    article = _visible_article(session, user, article_id)
    if not policy.can_delete(user):
        raise forbidden("Only admins delete articles")
    session.delete(article)
    session.commit()
    return Response(status_code=204)


@app.post(
    "/articles/{article_id}/transition",
    response_model=ArticleOut,
    responses={**ERRORS, 409: {"model": ErrorOut, "description": "Illegal workflow move"}},
)
def transition(
    article_id: str, payload: TransitionIn, user: CurrentUser, session: SessionDep
) -> Article:
    article = _visible_article(session, user, article_id)
    if not policy.can_move_to(user, article, payload.to):
        raise forbidden(f"Your role may not move this article to {payload.to}")
    if not policy.is_legal(article.status, payload.to):
        raise HTTPException(
            status_code=409, detail=f"Cannot move from {article.status} to {payload.to}"
        )
    now = utcnow()
    article.status = payload.to
    article.published_at = now if payload.to == Status.PUBLISHED else None
    article.updated_at = now
    session.commit()
    return article
