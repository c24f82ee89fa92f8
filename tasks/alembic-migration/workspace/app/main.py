"""Customers and their orders."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.db import SessionLocal, database_ready, run_migrations
from app.models import Customer, Order
from app.schemas import CustomerIn, CustomerOut, OrderIn, OrderOut


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    run_migrations()
    yield


app = FastAPI(title="Shop customers", version="1.0.0", lifespan=lifespan)


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz")
def readyz(response: Response) -> dict[str, str]:
    if database_ready():
        return {"status": "ready"}
    response.status_code = 503
    return {"status": "unavailable"}


@app.get("/customers", response_model=list[CustomerOut])
def list_customers(email: str | None = None) -> list[Customer]:
    query = select(Customer).order_by(Customer.id)
    if email is not None:
        query = query.where(Customer.email == email.lower())
    with SessionLocal() as session:
        return list(session.scalars(query))


@app.post("/customers", status_code=201, response_model=CustomerOut)
def create_customer(body: CustomerIn) -> Customer:
    try:
        with SessionLocal.begin() as session:
            customer = Customer(full_name=body.full_name, email=body.email.lower())
            session.add(customer)
            session.flush()
            return customer
    except IntegrityError:
        raise HTTPException(409, "email already registered") from None


def _customer(customer_id: int) -> Customer:
    with SessionLocal() as session:
        customer = session.get(Customer, customer_id)
    if customer is None:
        raise HTTPException(404, "customer not found")
    return customer


@app.get("/customers/{customer_id}", response_model=CustomerOut)
def get_customer(customer_id: int) -> Customer:
    return _customer(customer_id)


@app.post("/customers/{customer_id}/orders", status_code=201, response_model=OrderOut)
def create_order(customer_id: int, body: OrderIn) -> Order:
    _customer(customer_id)
    with SessionLocal.begin() as session:
        order = Order(customer_id=customer_id, amount=body.amount)
        session.add(order)
        session.flush()
        return order


@app.get("/customers/{customer_id}/orders", response_model=list[OrderOut])
def list_orders(customer_id: int) -> list[Order]:
    _customer(customer_id)
    with SessionLocal() as session:
        return list(
            session.scalars(
                select(Order).where(Order.customer_id == customer_id).order_by(Order.id)
            )
        )
