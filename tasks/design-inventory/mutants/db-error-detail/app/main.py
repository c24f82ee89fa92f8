"""Inventory reservation service: products, reservations, and the design documents."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import service
from app.db import create_schema, database_ready, get_session
from app.models import Product, Reservation
from app.schemas import ErrorOut, ProductIn, ProductOut, ReservationIn, ReservationOut

ADR_PATH = Path(__file__).parent / "design" / "adr.md"


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Inventory reservations", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]
NOT_FOUND = {404: {"model": ErrorOut, "description": "Not found"}}
CONFLICT = {409: {"model": ErrorOut, "description": "Not allowed in the current state"}}


def _ts(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, tz=UTC)


def reservation_out(res: Reservation, status: str) -> ReservationOut:
    return ReservationOut(
        id=res.id,
        product_id=res.product_id,
        quantity=res.quantity,
        status=status,  # type: ignore[arg-type]
        created_at=_ts(res.created_at),
        expires_at=_ts(res.expires_at),
    )


def _call(fn, *args):  # type: ignore[no-untyped-def]
    try:
        return fn(*args)
    except service.NotFound as e:
        raise HTTPException(404, str(e)) from None
    except service.Conflict as e:
        raise HTTPException(409, str(e)) from None


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.get("/design/adr", include_in_schema=False)
def design_adr() -> PlainTextResponse:
    return PlainTextResponse(ADR_PATH.read_text(), media_type="text/markdown")


@app.get("/design/openapi.json", include_in_schema=False)
def design_openapi() -> JSONResponse:
    return JSONResponse(app.openapi())


@app.post(
    "/products",
    status_code=201,
    response_model=ProductOut,
    responses={409: {"model": ErrorOut, "description": "SKU already exists"}},
)
def create_product(payload: ProductIn, session: SessionDep) -> dict:
    product = Product(sku=payload.sku, name=payload.name, on_hand=payload.on_hand)
    session.add(product)
    try:
        session.commit()
    except IntegrityError as e:
        session.rollback()
        raise HTTPException(409, f"SKU already exists ({e})") from None
    return {**service.get_product(session, product.id)}


@app.get("/products/{product_id}", response_model=ProductOut, responses=NOT_FOUND)
def get_product(product_id: int, session: SessionDep) -> dict:
    return _call(service.get_product, session, product_id)


@app.post(
    "/reservations",
    status_code=201,
    response_model=ReservationOut,
    responses={**NOT_FOUND, 409: {"model": ErrorOut, "description": "Not enough stock"}},
)
def create_reservation(payload: ReservationIn, session: SessionDep) -> ReservationOut:
    res = _call(service.reserve, session, payload.product_id, payload.quantity)
    return reservation_out(res, "pending")


@app.get("/reservations/{reservation_id}", response_model=ReservationOut, responses=NOT_FOUND)
def get_reservation(reservation_id: str, session: SessionDep) -> ReservationOut:
    return reservation_out(*_call(service.get_reservation, session, reservation_id))


@app.post(
    "/reservations/{reservation_id}/confirm",
    response_model=ReservationOut,
    responses={**NOT_FOUND, **CONFLICT},
)
def confirm_reservation(reservation_id: str, session: SessionDep) -> ReservationOut:
    return reservation_out(*_call(service.confirm, session, reservation_id))


@app.post(
    "/reservations/{reservation_id}/release",
    response_model=ReservationOut,
    responses={**NOT_FOUND, **CONFLICT},
)
def release_reservation(reservation_id: str, session: SessionDep) -> ReservationOut:
    return reservation_out(*_call(service.release, session, reservation_id))
