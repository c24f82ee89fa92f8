"""Customer records: create, read, search, update, delete."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db import create_schema, database_ready, get_session
from app.models import Customer, utcnow
from app.schemas import CustomerIn, CustomerOut, CustomerPage, CustomerPatch


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Customer records", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz")
def readyz(response: Response) -> dict[str, str]:
    if database_ready():
        return {"status": "ready"}
    response.status_code = 503
    return {"status": "unavailable"}


@app.post("/customers", status_code=201, response_model=CustomerOut)
def create_customer(body: CustomerIn, session: SessionDep) -> Customer:
    customer = Customer(**body.model_dump())
    customer.email = customer.email.lower()
    session.add(customer)
    session.commit()
    return customer


@app.get("/customers", response_model=CustomerPage)
def list_customers(
    session: SessionDep,
    q: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict:
    query = select(Customer)
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(
            or_(func.lower(Customer.name).like(pattern), func.lower(Customer.email).like(pattern))
        )
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    items = session.scalars(query.order_by(Customer.id).limit(limit).offset(offset)).all()
    return {"items": items, "total": total}


def _customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise HTTPException(404, "customer not found")
    return customer


@app.get("/customers/{customer_id}", response_model=CustomerOut)
def get_customer(customer_id: int, session: SessionDep) -> Customer:
    return _customer(session, customer_id)


@app.patch("/customers/{customer_id}", response_model=CustomerOut)
def update_customer(customer_id: int, body: CustomerPatch, session: SessionDep) -> Customer:
    customer = _customer(session, customer_id)
    changes = body.model_dump(exclude_unset=True)
    for field in ("name", "email"):
        if field in changes and changes[field] is None:
            raise HTTPException(422, f"{field} cannot be null")
    for field, value in changes.items():
        setattr(customer, field, value.lower() if field == "email" else value)
    customer.updated_at = utcnow()
    session.commit()
    return customer


@app.delete("/customers/{customer_id}", status_code=204)
def delete_customer(customer_id: int, session: SessionDep) -> Response:
    session.delete(_customer(session, customer_id))
    session.commit()
    return Response(status_code=204)
