"""HTTP routes: accounts, API-key management (JWT) and the items API (API keys)."""

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
from app.models import ApiKey, Item, User
from app.schemas import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyOut,
    ErrorOut,
    ItemIn,
    ItemOut,
    RegisterIn,
    Scope,
    TokenOut,
    UserOut,
)
from app.security import (
    KEY_PREFIX_LEN,
    CurrentUser,
    create_access_token,
    hash_password,
    key_digest,
    new_api_key,
    require_scope,
    unauthorized,
    verify_password,
)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    get_settings()  # fail fast without APP_SECRET
    create_schema()
    yield


app = FastAPI(title="Items API with scoped API keys", version="1.0.0", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]
ReadKey = Annotated[ApiKey, Depends(require_scope(Scope.READ_ITEMS))]
WriteKey = Annotated[ApiKey, Depends(require_scope(Scope.WRITE_ITEMS))]
ERRORS = {
    401: {"model": ErrorOut, "description": "Missing or invalid credentials"},
    403: {"model": ErrorOut, "description": "The API key lacks the scope"},
    404: {"model": ErrorOut, "description": "Not found"},
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
    user = User(email=payload.email.lower(), password_hash=hash_password(payload.password))
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


# -- API keys (managed by their owner, with a bearer token) ---------------------------------


@app.post("/api-keys", status_code=201, response_model=ApiKeyCreated, responses=ERRORS)
def create_api_key(payload: ApiKeyIn, user: CurrentUser, session: SessionDep) -> ApiKeyCreated:
    key = new_api_key()
    row = ApiKey(
        owner_id=user.id,
        name=payload.name,
        prefix=key[:KEY_PREFIX_LEN],
        key_hash=key_digest(key),
        key=key,
        scopes=[str(s) for s in payload.scopes],
    )
    session.add(row)
    session.commit()
    return ApiKeyCreated(**ApiKeyOut.model_validate(row).model_dump(), key=key)


@app.get("/api-keys", response_model=list[ApiKeyCreated], responses=ERRORS)
def list_api_keys(user: CurrentUser, session: SessionDep) -> list[ApiKey]:
    query = select(ApiKey).where(ApiKey.owner_id == user.id)
    return list(session.scalars(query.order_by(ApiKey.created_at, ApiKey.id)))


@app.delete("/api-keys/{key_id}", status_code=204, responses=ERRORS)
def revoke_api_key(key_id: str, user: CurrentUser, session: SessionDep) -> Response:
    row = session.scalar(select(ApiKey).where(ApiKey.id == key_id, ApiKey.owner_id == user.id))
    if row is None:
        raise HTTPException(status_code=404, detail="API key not found")
    row.revoked = True
    session.commit()
    return Response(status_code=204)


# -- items (machine clients, X-API-Key) ----------------------------------------------------


def _own_item(session: Session, key: ApiKey, item_id: str) -> Item:
    item = session.scalar(select(Item).where(Item.id == item_id, Item.owner_id == key.owner_id))
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return item


@app.get("/items", response_model=list[ItemOut], responses=ERRORS)
def list_items(key: ReadKey, session: SessionDep) -> list[Item]:
    query = select(Item).where(Item.owner_id == key.owner_id)
    return list(session.scalars(query.order_by(Item.created_at, Item.id)))


@app.get("/items/{item_id}", response_model=ItemOut, responses=ERRORS)
def get_item(item_id: str, key: ReadKey, session: SessionDep) -> Item:
    return _own_item(session, key, item_id)


@app.post("/items", status_code=201, response_model=ItemOut, responses=ERRORS)
def create_item(payload: ItemIn, key: WriteKey, session: SessionDep) -> Item:
    item = Item(owner_id=key.owner_id, name=payload.name, quantity=payload.quantity)
    session.add(item)
    session.commit()
    return item


@app.delete("/items/{item_id}", status_code=204, responses=ERRORS)
def delete_item(item_id: str, key: WriteKey, session: SessionDep) -> Response:
    session.delete(_own_item(session, key, item_id))
    session.commit()
    return Response(status_code=204)
