"""Customer records with soft delete, restore, an audit trail, and GDPR export and erasure."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from app.audit import actor, diff, record, require_admin, scrub, snapshot
from app.db import create_schema, database_ready, get_session
from app.models import PII_FIELDS, AuditEntry, Customer, utcnow
from app.schemas import AuditOut, CustomerIn, CustomerOut, CustomerPage, CustomerPatch, ExportOut


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Customer records", version="2.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]
ActorDep = Annotated[str, Depends(actor)]
Admin = [Depends(require_admin)]


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
def create_customer(body: CustomerIn, session: SessionDep, who: ActorDep) -> Customer:
    customer = Customer(**body.model_dump())
    customer.email = body.email.lower()
    session.add(customer)
    session.flush()
    record(session, customer, "create", who, diff(dict.fromkeys(PII_FIELDS), snapshot(customer)))
    session.commit()
    return customer


@app.get("/customers", response_model=CustomerPage)
def list_customers(
    session: SessionDep,
    q: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict:
    query = select(Customer).where(Customer.deleted_at.is_(None))
    if q:
        needle = q.lower()
        query = query.where(
            text(f"(lower(customers.name) LIKE '%{needle}%' OR lower(customers.email) LIKE '%{needle}%')")
        )
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    items = session.scalars(query.order_by(Customer.id).limit(limit).offset(offset)).all()
    return {"items": items, "total": total}


def _customer(session: Session, customer_id: int, *, deleted: bool = False) -> Customer:
    """The customer; soft-deleted ones only when `deleted` is set (admin paths)."""
    customer = session.get(Customer, customer_id)
    if customer is None or (customer.deleted_at is not None and not deleted):
        raise HTTPException(404, "customer not found")
    return customer


@app.get("/customers/{customer_id}", response_model=CustomerOut)
def get_customer(customer_id: int, session: SessionDep) -> Customer:
    return _customer(session, customer_id)


@app.patch("/customers/{customer_id}", response_model=CustomerOut)
def update_customer(
    customer_id: int, body: CustomerPatch, session: SessionDep, who: ActorDep
) -> Customer:
    customer = _customer(session, customer_id)
    changes = body.model_dump(exclude_unset=True)
    for field in ("name", "email"):
        if field in changes and changes[field] is None:
            raise HTTPException(422, f"{field} cannot be null")
    before = snapshot(customer)
    for field, value in changes.items():
        setattr(customer, field, value.lower() if field == "email" else value)
    changed = diff(before, snapshot(customer))
    if changed:
        customer.updated_at = utcnow()
        record(session, customer, "update", who, changed)
    session.commit()
    return customer


@app.delete("/customers/{customer_id}", status_code=204)
def delete_customer(customer_id: int, session: SessionDep, who: ActorDep) -> Response:
    customer = _customer(session, customer_id)
    customer.deleted_at = utcnow()
    record(session, customer, "delete", who)
    session.commit()
    return Response(status_code=204)


@app.get("/admin/customers/deleted", response_model=list[CustomerOut], dependencies=Admin)
def deleted_customers(session: SessionDep) -> list[Customer]:
    query = select(Customer).where(Customer.deleted_at.is_not(None), Customer.erased_at.is_(None))
    return list(session.scalars(query.order_by(Customer.id)))


@app.post("/admin/customers/{customer_id}/restore", response_model=CustomerOut, dependencies=Admin)
def restore_customer(customer_id: int, session: SessionDep, who: ActorDep) -> Customer:
    customer = _customer(session, customer_id, deleted=True)
    if customer.deleted_at is None or customer.erased_at is not None:
        raise HTTPException(409, "only a soft-deleted, not erased customer can be restored")
    customer.deleted_at = None
    record(session, customer, "restore", who)
    session.commit()
    return customer


def _audit(session: Session, customer_id: int | None) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id)
    if customer_id is not None:
        query = query.where(AuditEntry.customer_id == customer_id)
    return list(session.scalars(query))


@app.get("/admin/audit", response_model=list[AuditOut], dependencies=Admin)
def audit_log(session: SessionDep, customer_id: int | None = None) -> list[AuditEntry]:
    return _audit(session, customer_id)


@app.get("/admin/customers/{customer_id}/export", response_model=ExportOut, dependencies=Admin)
def export_customer(customer_id: int, session: SessionDep) -> dict:
    customer = _customer(session, customer_id, deleted=True)
    return {"customer": customer, "audit": _audit(session, customer_id)}


@app.post("/admin/customers/{customer_id}/erase", response_model=CustomerOut, dependencies=Admin)
def erase_customer(customer_id: int, session: SessionDep, who: ActorDep) -> Customer:
    customer = _customer(session, customer_id, deleted=True)
    if customer.erased_at is None:
        now = utcnow()
        for field in PII_FIELDS:
            setattr(customer, field, None)
        customer.erased_at = now
        customer.deleted_at = customer.deleted_at or now
        customer.updated_at = now
        scrub(session, customer.id)
        record(session, customer, "erase", who)
        session.commit()
    return customer
