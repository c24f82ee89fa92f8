"""Who did what, when: written in the same transaction as the change it records."""

from typing import Annotated, Any

from fastapi import Header, HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import PII_FIELDS, AuditEntry, Customer

ANONYMOUS = "anonymous"


def actor(x_actor: Annotated[str | None, Header()] = None) -> str:
    value = (x_actor or "").strip()
    return value[:100] if value else ANONYMOUS


def require_admin(x_role: Annotated[str | None, Header()] = None) -> None:
    if (x_role or "").strip().lower() != "admin":
        raise HTTPException(403, "admin role required")


def snapshot(customer: Customer) -> dict[str, Any]:
    return {field: getattr(customer, field) for field in PII_FIELDS}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {
        field: {"old": before.get(field), "new": after.get(field)}
        for field in after
        if before.get(field) != after.get(field)
    }


def record(
    session: Session, customer: Customer, action: str, who: str, changes: dict | None = None
) -> None:
    session.add(
        AuditEntry(customer_id=customer.id, action=action, actor=who, changes=changes or {})
    )


def scrub(session: Session, customer_id: int) -> None:
    """Null every personal value in the customer's audit entries; keep who, what and when."""
    entries = session.scalars(select(AuditEntry).where(AuditEntry.customer_id == customer_id))
    for entry in entries:
        entry.changes = {
            field: ({"old": None, "new": None} if field in PII_FIELDS else change)
            for field, change in entry.changes.items()
        }
