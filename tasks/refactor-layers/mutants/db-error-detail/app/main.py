"""HTTP layer: routes only (parsing, status codes); rules live in services, SQL in repositories."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Literal

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse

from app import services
from app.db import create_schema, database_ready, unit_of_work
from app.repositories import DuplicateEmail
from app.schemas import CustomerIn, OrderIn, ProductIn


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Orders", lifespan=lifespan)

_ERRORS: dict[type[Exception], int] = {
    services.NotFound: 404,
    services.InvalidOrder: 422,
    services.Conflict: 409,
    DuplicateEmail: 409,
}


def run(use_case: Callable, *args: object) -> object:
    """Run a use case in one transaction and map domain errors to HTTP errors."""
    try:
        with unit_of_work() as conn:
            return use_case(conn, *args)
    except DuplicateEmail as e:
        raise HTTPException(409, f"email already registered: {e}") from None
    except (services.NotFound, services.InvalidOrder, services.Conflict) as e:
        raise HTTPException(_ERRORS[type(e)], str(e)) from None


def _items(o: OrderIn) -> list[dict]:
    return [line.model_dump() for line in o.items]


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}


@app.get("/readyz")
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post("/customers", status_code=201)
def create_customer(c: CustomerIn) -> object:
    return run(services.create_customer, c.name, c.email, c.tier)


@app.get("/customers/{customer_id}")
def get_customer(customer_id: int) -> object:
    return run(services.get_customer, customer_id)


@app.post("/products", status_code=201)
def create_product(p: ProductIn) -> object:
    return run(services.create_product, p.name, p.price_cents)


@app.post("/orders/quote")
def quote(o: OrderIn) -> object:
    return run(services.quote, o.customer_id, _items(o))


@app.post("/orders", status_code=201)
def create_order(o: OrderIn) -> object:
    return run(services.place_order, o.customer_id, _items(o))


@app.get("/orders/{order_id}")
def get_order(order_id: int) -> object:
    return run(services.get_order, order_id)


@app.post("/orders/{order_id}/cancel")
def cancel_order(order_id: int) -> object:
    return run(services.cancel_order, order_id)


@app.get("/customers/{customer_id}/orders")
def customer_orders(
    customer_id: int, status: Literal["open", "cancelled"] | None = None
) -> object:
    return run(services.customer_orders, customer_id, status)


@app.get("/customers/{customer_id}/summary")
def customer_summary(customer_id: int) -> object:
    return run(services.customer_summary, customer_id)
