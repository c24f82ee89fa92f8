"""Sales service: products, customers, orders and the sales report."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app import reports
from app.db import Base, SessionLocal, database_ready, engine, get_session
from app.models import Customer, Order, OrderItem, Product
from app.seed import seed


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    Base.metadata.create_all(engine)
    with SessionLocal() as session:
        seed(session)
    yield


app = FastAPI(title="Sales service", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]


class CustomerIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class ItemIn(BaseModel):
    product_id: int
    quantity: int = Field(ge=1, le=1000)


class OrderIn(BaseModel):
    customer_id: int
    items: list[ItemIn] = Field(min_length=1, max_length=100)


def order_out(order: Order, items: list[OrderItem]) -> dict:
    lines = [
        {
            "product_id": i.product_id,
            "quantity": i.quantity,
            "unit_price_cents": i.unit_price_cents,
        }
        for i in items
    ]
    return {
        "id": order.id,
        "customer_id": order.customer_id,
        "created_at": order.created_at,
        "items": lines,
        "total_cents": sum(i.quantity * i.unit_price_cents for i in items),
    }


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}


@app.get("/readyz")
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.get("/products")
def list_products(session: SessionDep) -> list[dict]:
    rows = session.scalars(select(Product).order_by(Product.id))
    return [
        {"id": p.id, "sku": p.sku, "name": p.name, "category": p.category,
         "price_cents": p.price_cents}
        for p in rows
    ]


@app.post("/customers", status_code=201)
def create_customer(payload: CustomerIn, session: SessionDep) -> dict:
    try:
        result = session.execute(text(f"INSERT INTO customers (name) VALUES ('{payload.name}')"))
        session.commit()
    except SQLAlchemyError as e:
        raise HTTPException(400, f"could not create customer: {e}") from None
    return {"id": result.lastrowid, "name": payload.name}


@app.post("/orders", status_code=201)
def create_order(payload: OrderIn, session: SessionDep) -> dict:
    if session.get(Customer, payload.customer_id) is None:
        raise HTTPException(404, "Customer not found")
    items = []
    for line in payload.items:
        product = session.get(Product, line.product_id)
        if product is None:
            raise HTTPException(422, f"Unknown product {line.product_id}")
        items.append(
            OrderItem(
                product_id=product.id,
                quantity=line.quantity,
                unit_price_cents=product.price_cents,
            )
        )
    now = datetime.now(UTC).replace(microsecond=0)
    order = Order(
        customer_id=payload.customer_id,
        created_at=now.isoformat().replace("+00:00", "Z"),
        items=items,
    )
    session.add(order)
    session.commit()
    return order_out(order, items)


@app.get("/orders/{order_id}")
def get_order(order_id: int, session: SessionDep) -> dict:
    order = session.get(Order, order_id)
    if order is None:
        raise HTTPException(404, "Order not found")
    return order_out(order, list(order.items))


@app.get("/reports/sales")
def sales_report(
    session: SessionDep,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    customer_id: int | None = None,
) -> dict:
    # a plain `def`: FastAPI runs it in its threadpool, so the blocking pricing SDK and the
    # database work never stall the event loop
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, "'from' must not be after 'to'")
    return reports.sales_report(session, date_from, date_to, customer_id)
