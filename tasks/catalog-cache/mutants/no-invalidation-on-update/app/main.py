"""HTTP routes of the catalog service.

Product details and catalog summaries are expensive (see app/pricing.py), so they are cached in
Redis (app/cache.py) for CACHE_TTL_SECONDS, keyed by every input of the representation, and served
with a strong ETag and `Cache-Control: public`. Every product write invalidates the cache after
its commit. Per-user responses (/me/...) are never cached and are marked `private, no-store`.
"""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import metrics, pricing
from app.cache import cache
from app.db import create_schema, database_ready, get_session
from app.http_cache import PRIVATE, public_json
from app.models import Product, WishlistItem
from app.schemas import (
    ErrorOut,
    PricedProduct,
    ProductIn,
    ProductOut,
    ProductPatch,
    Summary,
    Wishlist,
    WishlistEntry,
    WishlistIn,
)


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Catalog service", version="1.3.0", lifespan=lifespan)
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 404, 409)}
DbSession = Annotated[Session, Depends(get_session)]
IfNoneMatch = Annotated[str | None, Header()]


def encode(data: object) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode()


def private(response: Response) -> None:
    response.headers["Cache-Control"] = PRIVATE


def current_user(x_user_id: Annotated[str | None, Header()] = None) -> str:
    """The API gateway authenticates users and passes their id in X-User-Id."""
    user = (x_user_id or "").strip()
    if not user or len(user) > 64:
        raise HTTPException(401, "missing X-User-Id")
    return user


UserId = Annotated[str, Depends(current_user)]


def get_product_or_404(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise HTTPException(404, "product not found")
    return product


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz")
def readyz() -> JSONResponse:
    if database_ready() and cache.ping():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post("/products", status_code=201, response_model=ProductOut, responses=ERRORS)
def create_product(data: ProductIn, session: DbSession) -> Product:
    product = Product(**data.model_dump())
    session.add(product)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(409, "sku already exists") from None
    cache.invalidate()
    return product


@app.get("/products/{product_id}", response_model=PricedProduct, responses=ERRORS)
def get_product(product_id: int, session: DbSession, if_none_match: IfNoneMatch = None) -> Response:
    generation = cache.generation()  # before reading the database (see app/cache.py)
    key = cache.key(generation or 0, "product", product_id)
    body = cache.get(key) if generation is not None else None
    if body is None:
        product = get_product_or_404(session, product_id)
        session.commit()  # end the read transaction before the slow pricing call
        base = ProductOut.model_validate(product).model_dump()
        body = encode(PricedProduct(**base, pricing=pricing.price(product)).model_dump())
        if generation is not None:
            cache.set(key, body)
    return public_json(body, if_none_match, cache.ttl)


@app.patch("/products/{product_id}", response_model=ProductOut, responses=ERRORS)
def update_product(product_id: int, data: ProductPatch, session: DbSession) -> Product:
    product = get_product_or_404(session, product_id)
    changes = data.model_dump(exclude_unset=True)
    if any(value is None for value in changes.values()):
        raise HTTPException(422, "fields may not be null")
    for field, value in changes.items():
        setattr(product, field, value)
    session.commit()
    return product


@app.delete("/products/{product_id}", status_code=204, responses=ERRORS)
def delete_product(product_id: int, session: DbSession) -> Response:
    product = get_product_or_404(session, product_id)
    session.delete(product)
    session.commit()
    cache.invalidate()
    return Response(status_code=204)


@app.get("/catalog/summary", response_model=Summary)
def catalog_summary(
    session: DbSession,
    category: Annotated[str | None, Query(max_length=64)] = None,
    in_stock: bool | None = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    generation = cache.generation()
    key = cache.key(generation or 0, "summary", category, in_stock)
    body = cache.get(key) if generation is not None else None
    if body is None:
        body = encode(Summary(**pricing.summary(session, category, in_stock)).model_dump())
        if generation is not None:
            cache.set(key, body)
    return public_json(body, if_none_match, cache.ttl)


@app.get("/me/wishlist", response_model=Wishlist, responses=ERRORS)
def my_wishlist(user: UserId, session: DbSession, response: Response) -> Wishlist:
    private(response)
    rows = session.execute(
        select(WishlistItem, Product)
        .join(Product, Product.id == WishlistItem.product_id)
        .where(WishlistItem.user_id == user)
        .order_by(WishlistItem.id)
    ).all()
    items = [
        WishlistEntry(product_id=p.id, name=p.name, price_cents=p.price_cents, note=w.note)
        for w, p in rows
    ]
    return Wishlist(user_id=user, items=items)


@app.put("/me/wishlist/{product_id}", response_model=WishlistEntry, responses=ERRORS)
def add_to_wishlist(
    product_id: int, data: WishlistIn, user: UserId, session: DbSession, response: Response
) -> WishlistEntry:
    private(response)
    product = get_product_or_404(session, product_id)
    item = session.scalar(
        select(WishlistItem).where(
            WishlistItem.user_id == user, WishlistItem.product_id == product_id
        )
    )
    if item is None:
        item = WishlistItem(user_id=user, product_id=product_id, note=data.note)
        session.add(item)
    else:
        item.note = data.note
    session.commit()
    return WishlistEntry(
        product_id=product.id, name=product.name, price_cents=product.price_cents, note=item.note
    )


@app.delete("/me/wishlist/{product_id}", status_code=204, responses=ERRORS)
def remove_from_wishlist(product_id: int, user: UserId, session: DbSession) -> Response:
    item = session.scalar(
        select(WishlistItem).where(
            WishlistItem.user_id == user, WishlistItem.product_id == product_id
        )
    )
    if item is None:
        raise HTTPException(404, "not on your wishlist")
    session.delete(item)
    session.commit()
    return Response(status_code=204)


@app.get("/internal/stats")
def internal_stats(response: Response) -> dict[str, int]:
    """Counters for the ops dashboards: how often the expensive computations ran."""
    response.headers["Cache-Control"] = "no-store"
    return metrics.snapshot()
