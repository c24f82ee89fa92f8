"""HTTP routes of the order intake service."""

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.db import SessionLocal, create_schema, database_ready, get_session
from app.models import Order, OrderItem
from app.problems import (
    ProblemError,
    pointer,
    problem_response,
    validation_errors,
)
from app.schemas import ItemOut, OrderIn, OrderList, OrderOut

MAX_BODY_BYTES = int(os.environ.get("MAX_BODY_BYTES", "65536"))
CENT = Decimal("0.01")


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Order intake", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]


@app.exception_handler(ProblemError)
async def _problem(_request: Request, exc: ProblemError) -> JSONResponse:
    return problem_response(exc.status, exc.detail, exc.errors)


@app.exception_handler(StarletteHTTPException)
async def _http_problem(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    return problem_response(exc.status_code, str(exc.detail), headers=exc.headers)


@app.exception_handler(RequestValidationError)
async def _request_validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
    # loc starts with where the value came from ("query", "path"); the pointer drops it.
    errors = [{"pointer": pointer(tuple(e["loc"])[1:]), "message": e["msg"]} for e in exc.errors()]
    return problem_response(422, "The request is invalid", errors)


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


def _cents(amount: str) -> int:
    return int(Decimal(amount) * 100)


def _money(cents: int) -> str:
    return str((Decimal(cents) / 100).quantize(CENT))


def to_out(order: Order) -> OrderOut:
    items = [
        ItemOut(
            sku=i.sku,
            quantity=i.quantity,
            unit_price=_money(i.unit_price_cents),
            line_total=_money(i.unit_price_cents * i.quantity),
        )
        for i in order.items
    ]
    return OrderOut(
        id=order.id,
        customer_id=order.customer_id,
        currency=order.currency,
        items=items,
        total=_money(order.total_cents),
        delivery_date=order.delivery_date,
        note=order.note,
        created_at=order.created_at,
    )


async def read_json_body(request: Request) -> Any:
    """Size limit first (header and actual bytes), then media type, then JSON syntax."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ProblemError(413, f"The body exceeds {MAX_BODY_BYTES} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ProblemError(413, f"The body exceeds {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise ProblemError(415, "Send the order as application/json")
    try:
        return json.loads(b"".join(chunks))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ProblemError(400, f"The body is not valid JSON: {e}") from None


def save_order(payload: OrderIn) -> dict[str, Any]:
    order = Order(
        customer_id=payload.customer_id,
        currency=payload.currency,
        delivery_date=payload.delivery_date,
        note=payload.note,
        created_at=datetime.now(UTC),
        total_cents=0,
    )
    total = 0
    for position, item in enumerate(payload.items):
        cents = _cents(item.unit_price)
        total += cents * item.quantity
        order.items.append(
            OrderItem(
                position=position, sku=item.sku, quantity=item.quantity, unit_price_cents=cents
            )
        )
    order.total_cents = total
    with SessionLocal() as session:
        session.add(order)
        session.commit()
        return to_out(order).model_dump(mode="json")


@app.post("/orders", status_code=201, response_model=OrderOut)
async def create_order(request: Request) -> JSONResponse:
    data = await read_json_body(request)
    if not isinstance(data, dict):
        raise ProblemError(
            422,
            "The request is invalid",
            [{"pointer": "", "message": "the body must be a JSON object"}],
        )
    try:
        payload = OrderIn.model_validate(data)
    except ValidationError as e:
        raise ProblemError(422, "The request is invalid", validation_errors(e)) from None

    body = await run_in_threadpool(save_order, payload)
    return JSONResponse(body, status_code=201, headers={"Location": f"/orders/{body['id']}"})


@app.get("/orders/{order_id}", response_model=OrderOut)
def get_order(order_id: int, session: SessionDep) -> OrderOut:
    order = session.scalar(
        select(Order).where(Order.id == order_id).options(selectinload(Order.items))
    )
    if order is None:
        raise ProblemError(404, "No order with this id")
    return to_out(order)


@app.get("/orders", response_model=OrderList)
def list_orders(
    session: SessionDep, customer_id: Annotated[str, Query(min_length=1, max_length=64)]
) -> OrderList:
    try:
        orders = session.scalars(
            select(Order)
            .where(text(f"customer_id = '{customer_id}'"))
            .options(selectinload(Order.items))
            .order_by(Order.id)
        ).all()
    except Exception as exc:
        raise ProblemError(400, f"Could not list the orders: {exc}") from None
    return OrderList(items=[to_out(o) for o in orders])
