"""Catalog service: items with a name, a price and a stock level."""

import hmac
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import String, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base, engine, get_session, set_db_fault
from app.observability import ObservabilityMiddleware, metrics_payload


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    price_cents: Mapped[int]
    stock: Mapped[int] = mapped_column(default=0)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    Base.metadata.create_all(engine)
    yield


app = FastAPI(title="Catalog", version="1.0.0", lifespan=lifespan)
app.add_middleware(ObservabilityMiddleware)
SessionDep = Annotated[Session, Depends(get_session)]


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    price_cents: int = Field(ge=0)
    stock: int = Field(default=0, ge=0)


class DbFault(BaseModel):
    down: bool


def item_out(item: Item) -> dict:
    return {"id": item.id, "name": item.name, "price_cents": item.price_cents, "stock": item.stock}


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}


@app.get("/readyz")
def readyz() -> JSONResponse:
    """Ready only if the database answers a query right now."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ready"})


@app.get("/metrics")
def metrics() -> Response:
    body, content_type = metrics_payload()
    return Response(body, media_type=content_type)


@app.post("/items", status_code=201)
def create_item(payload: ItemIn, session: SessionDep) -> dict:
    item = Item(**payload.model_dump())
    session.add(item)
    session.commit()
    return item_out(item)


@app.get("/items")
def list_items(session: SessionDep, limit: int = 50) -> list[dict]:
    limit = max(1, min(limit, 200))
    rows = session.scalars(select(Item).order_by(Item.id.desc()).limit(limit))
    return [item_out(i) for i in rows]


@app.get("/items/{item_id}")
def get_item(item_id: int, session: SessionDep) -> dict:
    item = session.get(Item, item_id)
    if item is None:
        raise HTTPException(404, "Item not found")
    return item_out(item)


@app.delete("/items/{item_id}", status_code=204)
def delete_item(item_id: int, session: SessionDep) -> Response:
    item = session.get(Item, item_id)
    if item is None:
        raise HTTPException(404, "Item not found")
    session.delete(item)
    session.commit()
    return Response(status_code=204)


@app.put("/admin/db-fault", status_code=204)
def db_fault(payload: DbFault, x_admin_token: Annotated[str, Header()] = "") -> Response:
    """Operations drill: simulate (or end) a database outage. Needs X-Admin-Token: APP_SECRET."""
    secret = os.environ.get("APP_SECRET", "")
    if x_admin_token and not hmac.compare_digest(x_admin_token, secret):
        raise HTTPException(403, "Forbidden")
    set_db_fault(payload.down)
    return Response(status_code=204)
