"""API v1: customers with offset pagination. Existing clients depend on every field here."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import get_session
from app.models import Customer
from app.money import to_amount, to_cents
from app.schemas import CustomerIn, CustomerOut, CustomerPage, CustomerPatch

router = APIRouter(prefix="/v1", tags=["v1"])
SessionDep = Annotated[Session, Depends(get_session)]


def to_out(c: Customer) -> CustomerOut:
    return CustomerOut(
        id=c.id,
        name=c.name,
        email=c.email,
        balance=to_amount(c.balance_cents),
        currency=c.currency,
        created_at=c.created_at,
    )


def _get_or_404(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise HTTPException(status_code=404, detail="Customer not found")
    return customer


def _commit_or_409(session: Session) -> None:
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(status_code=409, detail="Email already registered") from None


@router.post("/customers", status_code=201, response_model=CustomerOut)
def create_customer(payload: CustomerIn, response: Response, session: SessionDep) -> CustomerOut:
    customer = Customer(
        name=payload.name,
        email=payload.email.lower(),
        balance_cents=to_cents(payload.balance),
        currency=payload.currency,
        created_at=datetime.now(UTC),
    )
    session.add(customer)
    _commit_or_409(session)
    response.headers["Location"] = f"/v1/customers/{customer.id}"
    return to_out(customer)


@router.get("/customers", response_model=CustomerPage)
def list_customers(
    session: SessionDep,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> CustomerPage:
    total = session.scalar(select(func.count()).select_from(Customer)) or 0
    rows = session.scalars(
        select(Customer).order_by(Customer.id).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return CustomerPage(data=[to_out(c) for c in rows], page=page, per_page=per_page, total=total)


@router.get("/customers/{customer_id}", response_model=CustomerOut)
def get_customer(customer_id: int, session: SessionDep) -> CustomerOut:
    return to_out(_get_or_404(session, customer_id))


@router.patch("/customers/{customer_id}", response_model=CustomerOut)
def update_customer(customer_id: int, payload: CustomerPatch, session: SessionDep) -> CustomerOut:
    customer = _get_or_404(session, customer_id)
    changes = payload.model_dump(exclude_unset=True, exclude_none=True)
    if "name" in changes:
        customer.name = changes["name"]
    if "email" in changes:
        customer.email = changes["email"].lower()
    if "balance" in changes:
        customer.balance_cents = to_cents(changes["balance"])
    _commit_or_409(session)
    return to_out(customer)


@router.delete("/customers/{customer_id}", status_code=204)
def delete_customer(customer_id: int, session: SessionDep) -> Response:
    session.delete(_get_or_404(session, customer_id))
    session.commit()
    return Response(status_code=204)
