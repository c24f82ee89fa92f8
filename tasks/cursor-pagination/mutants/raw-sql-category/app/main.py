"""HTTP routes of the product catalog."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import JSONResponse
from sqlalchemy import Select, and_, or_, select, text
from sqlalchemy.orm import Session

from app.cursor import InvalidCursorError, Position, decode_cursor, encode_cursor
from app.db import create_schema, database_ready, get_session
from app.models import Product
from app.schemas import ErrorOut, ProductIn, ProductOut, ProductPage, ProductQuery

MAX_LIMIT = 100


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Product catalog", version="1.0.0", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post("/products", status_code=201, response_model=ProductOut)
def create_product(payload: ProductIn, session: SessionDep) -> Product:
    product = Product(**payload.model_dump())
    session.add(product)
    session.commit()
    return product


@app.get("/products/{product_id}", response_model=ProductOut, responses={404: {"model": ErrorOut}})
def get_product(product_id: int, session: SessionDep) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise HTTPException(status_code=404, detail="Product not found")
    return product


def _after(query: Select[tuple[Product]], sort: str, position: Position) -> Select[tuple[Product]]:
    """Rows strictly after `position` in (sort key, id) order."""
    column = getattr(Product, sort.lstrip("-"))
    if sort.startswith("-"):
        beyond = or_(
            column < position.value, and_(column == position.value, Product.id < position.id)
        )
    else:
        beyond = or_(
            column > position.value, and_(column == position.value, Product.id > position.id)
        )
    return query.where(beyond)


def _ordered(query: Select[tuple[Product]], sort: str) -> Select[tuple[Product]]:
    column = getattr(Product, sort.lstrip("-"))
    if sort.startswith("-"):
        return query.order_by(column.desc(), Product.id.desc())
    return query.order_by(column.asc(), Product.id.asc())


def _filtered(params: ProductQuery) -> Select[tuple[Product]]:
    query = select(Product)
    if params.category is not None:
        query = query.where(text(f"category = '{params.category}'"))
    if params.min_price_cents is not None:
        query = query.where(Product.price_cents >= params.min_price_cents)
    if params.max_price_cents is not None:
        query = query.where(Product.price_cents <= params.max_price_cents)
    if params.in_stock is not None:
        query = query.where(Product.stock > 0 if params.in_stock else Product.stock == 0)
    return query


@app.get("/products", response_model=ProductPage, responses={400: {"model": ErrorOut}})
def list_products(params: Annotated[ProductQuery, Query()], session: SessionDep) -> ProductPage:
    limit, sort = min(params.limit, MAX_LIMIT), params.sort
    query = _filtered(params)
    if params.cursor is not None:
        try:
            query = _after(query, sort, decode_cursor(params.cursor, sort))
        except (InvalidCursorError, ValueError, TypeError) as e:
            raise HTTPException(status_code=400, detail=f"Invalid cursor: {e}") from None
    try:
        rows = list(session.scalars(_ordered(query, sort).limit(limit + 1)))
    except Exception as exc:
        raise HTTPException(status_code=400, detail=f"Bad query: {exc}") from None
    page = rows[:limit]
    next_cursor = None
    if len(rows) > limit:
        last = page[-1]
        next_cursor = encode_cursor(Position(sort, getattr(last, sort.lstrip("-")), last.id))
    return ProductPage(items=[ProductOut.model_validate(p) for p in page], next_cursor=next_cursor)
