"""API v2: split names, money objects, cursor (keyset) pagination."""

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import get_session
from app.models import Customer, join_name
from app.money import to_amount, to_cents
from app.schemas_v2 import CustomerInV2, CustomerOutV2, CustomerPageV2, Money

router = APIRouter(prefix="/v2", tags=["v2"])
SessionDep = Annotated[Session, Depends(get_session)]


def to_out(c: Customer) -> CustomerOutV2:
    return CustomerOutV2(
        id=c.id,
        given_name=c.given_name,
        family_name=c.family_name,
        email=c.email,
        balance=Money(amount=to_amount(c.balance_cents), currency=c.currency),
        created_at=c.created_at,
    )


def encode_cursor(last_id: int) -> str:
    raw = json.dumps({"after": last_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        after = json.loads(raw)["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise HTTPException(status_code=400, detail="Invalid cursor") from None
    return str(after)


@router.post("/customers", status_code=201, response_model=CustomerOutV2)
def create_customer(
    payload: CustomerInV2, response: Response, session: SessionDep
) -> CustomerOutV2:
    customer = Customer(
        name=join_name(payload.given_name, payload.family_name),
        given_name=payload.given_name,
        family_name=payload.family_name,
        email=payload.email.lower(),
        balance_cents=to_cents(payload.balance.amount),
        currency=payload.balance.currency,
        created_at=datetime.now(UTC),
    )
    session.add(customer)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(status_code=409, detail="Email already registered") from None
    response.headers["Location"] = f"/v2/customers/{customer.id}"
    return to_out(customer)


@router.get("/customers", response_model=CustomerPageV2)
def list_customers(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: str | None = None,
) -> CustomerPageV2:
    query = select(Customer).order_by(Customer.id).limit(limit + 1)
    if cursor is not None:
        query = query.where(text(f"customers.id > {decode_cursor(cursor)}"))
    try:
        rows = list(session.scalars(query).all())
    except Exception as exc:
        raise HTTPException(status_code=400, detail=f"Invalid cursor: {exc}") from None
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].id) if more else None
    return CustomerPageV2(items=[to_out(c) for c in rows], next_cursor=next_cursor)


@router.get("/customers/{customer_id}", response_model=CustomerOutV2)
def get_customer(customer_id: int, session: SessionDep) -> CustomerOutV2:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise HTTPException(status_code=404, detail="Customer not found")
    return to_out(customer)
