"""HTTP routes: accounts, documents, sharing grants and share links."""

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import policy
from app.config import get_settings
from app.db import create_schema, database_ready, get_session
from app.models import Document, Grant, User
from app.schemas import (
    Classification,
    DocumentIn,
    DocumentOut,
    DocumentPatch,
    ErrorOut,
    LinkIn,
    LinkOut,
    RegisterIn,
    SharedDocumentOut,
    ShareIn,
    ShareOut,
    TokenOut,
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


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    get_settings()  # fail fast without APP_SECRET
    create_schema()
    yield


app = FastAPI(title="Document sharing", version="1.0.0", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]
ERRORS = {
    401: {"model": ErrorOut, "description": "Missing, invalid or expired token"},
    403: {"model": ErrorOut, "description": "Not allowed"},
    404: {"model": ErrorOut, "description": "Not found (or not accessible to you)"},
}
NOT_FOUND = "Document not found"


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


# -- accounts -------------------------------------------------------------------------------


def _user_out(user: User) -> UserOut:
    return UserOut(id=user.id, email=user.email, department=user.department)


@app.post("/auth/register", status_code=201, response_model=UserOut)
def register(payload: RegisterIn, session: SessionDep) -> UserOut:
    user = User(
        email=payload.email.lower(),
        password_hash=hash_password(payload.password),
        department=payload.department,
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(status_code=409, detail="Email already registered") from None
    return _user_out(user)


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
def me(user: CurrentUser) -> UserOut:
    return _user_out(user)


# -- documents ------------------------------------------------------------------------------


def _out(document: Document, access: str) -> DocumentOut:
    return DocumentOut(
        id=document.id,
        title=document.title,
        content=document.content,
        classification=Classification(document.classification),
        owner_id=document.owner_id,
        department=document.department,
        link_sharing=document.link_enabled,
        access=access,
    )


def _load(session: Session, user: User, document_id: str) -> tuple[Document, str]:
    """The document and the caller's access level; 404 when the caller has none."""
    document = session.get(Document, document_id)
    level = policy.access_level(session, user, document) if document else None
    if document is None or level is None:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    return document, level


def _owned(session: Session, user: User, document_id: str) -> Document:
    document, level = _load(session, user, document_id)
    if level != policy.OWNER:
        raise forbidden("Only the owner may do this")
    return document


@app.post("/documents", status_code=201, response_model=DocumentOut, responses=ERRORS)
def create_document(payload: DocumentIn, user: CurrentUser, session: SessionDep) -> DocumentOut:
    document = Document(
        owner_id=user.id,
        department=user.department,
        title=payload.title,
        content=payload.content,
        classification=payload.classification,
    )
    session.add(document)
    session.commit()
    return _out(document, policy.OWNER)


@app.get("/documents", response_model=list[DocumentOut], responses=ERRORS)
def list_documents(
    user: CurrentUser,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> list[DocumentOut]:
    query = (
        select(Document, Grant.role)
        .outerjoin(Grant, (Grant.document_id == Document.id) & (Grant.user_id == user.id))
        .where(or_(Document.owner_id == user.id, Grant.id.is_not(None)))
    )
    if q:
        needle = f"%{q.lower()}%"
        query = query.where(
            or_(func.lower(Document.title).like(needle), func.lower(Document.content).like(needle))
        )
    rows = session.execute(query.order_by(Document.created_at, Document.id))
    return [
        _out(document, policy.OWNER if document.owner_id == user.id else role)
        for document, role in rows
    ]


@app.get("/documents/{document_id}", response_model=DocumentOut, responses=ERRORS)
def get_document(document_id: str, user: CurrentUser, session: SessionDep) -> DocumentOut:
    document, level = _load(session, user, document_id)
    return _out(document, level)


@app.patch(
    "/documents/{document_id}",
    response_model=DocumentOut,
    responses={**ERRORS, 409: {"model": ErrorOut, "description": "Would break the policy"}},
)
def update_document(
    document_id: str, payload: DocumentPatch, user: CurrentUser, session: SessionDep
) -> DocumentOut:
    document, level = _load(session, user, document_id)
    if not policy.may_edit(level):
        raise forbidden("Viewers cannot edit")
    changes = payload.model_dump(exclude_unset=True)
    if "classification" in changes:
        if level != policy.OWNER:
            raise forbidden("Only the owner may change the classification")
        if changes["classification"] == Classification.CONFIDENTIAL and (
            document.link_enabled or policy.outside_grants(session, document)
        ):
            raise HTTPException(
                status_code=409,
                detail="Disable the share link and remove grants outside the department first",
            )
    for field, value in changes.items():
        setattr(document, field, value)
    session.commit()
    return _out(document, level)


@app.delete("/documents/{document_id}", status_code=204, responses=ERRORS)
def delete_document(document_id: str, user: CurrentUser, session: SessionDep) -> Response:
    document = _owned(session, user, document_id)
    session.query(Grant).filter(Grant.document_id == document.id).delete()
    session.delete(document)
    session.commit()
    return Response(status_code=204)


# -- sharing grants -------------------------------------------------------------------------


@app.post(
    "/documents/{document_id}/shares",
    response_model=ShareOut,
    responses={**ERRORS, 422: {"description": "Invalid request (or sharing with yourself)"}},
)
def share(document_id: str, payload: ShareIn, user: CurrentUser, session: SessionDep) -> ShareOut:
    document = _owned(session, user, document_id)
    grantee = session.scalar(select(User).where(User.email == payload.email.lower()))
    if grantee is None:
        raise HTTPException(status_code=404, detail="No user with that email")
    if grantee.id == user.id:
        raise HTTPException(status_code=422, detail="You own this document")
    if not policy.may_share_with(document, grantee):
        raise forbidden("Confidential documents stay inside the owner's department")
    grant = session.scalar(
        select(Grant).where(Grant.document_id == document.id, Grant.user_id == grantee.id)
    )
    if grant is None:
        session.add(Grant(document_id=document.id, user_id=grantee.id, role=payload.role))
    else:
        grant.role = payload.role
    session.commit()
    return ShareOut(user_id=grantee.id, email=grantee.email, role=payload.role)


@app.get("/documents/{document_id}/shares", response_model=list[ShareOut], responses=ERRORS)
def list_shares(document_id: str, user: CurrentUser, session: SessionDep) -> list[ShareOut]:
    document = _owned(session, user, document_id)
    rows = session.execute(
        select(Grant, User)
        .join(User, User.id == Grant.user_id)
        .where(Grant.document_id == document.id)
    )
    return [ShareOut(user_id=u.id, email=u.email, role=g.role) for g, u in rows]


@app.delete("/documents/{document_id}/shares/{user_id}", status_code=204, responses=ERRORS)
def unshare(document_id: str, user_id: str, user: CurrentUser, session: SessionDep) -> Response:
    document = _owned(session, user, document_id)
    grant = session.scalar(
        select(Grant).where(Grant.document_id == document.id, Grant.user_id == user_id)
    )
    if grant is None:
        raise HTTPException(status_code=404, detail="No such grant")
    session.delete(grant)
    session.commit()
    return Response(status_code=204)


# -- share links ----------------------------------------------------------------------------


@app.put(
    "/documents/{document_id}/link",
    response_model=LinkOut,
    responses={**ERRORS, 409: {"model": ErrorOut, "description": "Confidential document"}},
)
def set_link(document_id: str, payload: LinkIn, user: CurrentUser, session: SessionDep) -> LinkOut:
    document = _owned(session, user, document_id)
    if payload.enabled:
        if not policy.may_enable_link(document):
            raise HTTPException(status_code=409, detail="Confidential documents have no links")
        if document.link_token is None:
            document.link_token = secrets.token_urlsafe(32)
        document.link_enabled = True
    else:
        document.link_enabled = False
    session.commit()
    return LinkOut(
        enabled=document.link_enabled,
        token=document.link_token if document.link_enabled else None,
    )


@app.get("/shared/{token}", response_model=SharedDocumentOut, responses={404: {"model": ErrorOut}})
def open_link(token: str, session: SessionDep) -> SharedDocumentOut:
    document = session.scalar(select(Document).where(Document.link_token == token))
    if document is None or document.classification == Classification.CONFIDENTIAL:
        raise HTTPException(status_code=404, detail="No such link")
    return SharedDocumentOut(id=document.id, title=document.title, content=document.content)
