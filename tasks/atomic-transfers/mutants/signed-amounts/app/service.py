"""Transfers: one transaction, both account rows locked in a fixed order (no deadlocks)."""

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Account, Transfer


class TransferError(Exception):
    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(detail)
        self.status_code, self.detail = status_code, detail


def transfer(session: Session, from_id: uuid.UUID, to_id: uuid.UUID, amount: Decimal) -> Transfer:
    """Move `amount` in the caller's open transaction; raise TransferError and change nothing
    when an account is unknown or frozen or the source lacks the funds."""
    if from_id == to_id:
        raise TransferError(422, "from_account_id and to_account_id must differ")
    if amount == 0:
        raise TransferError(422, "amount must not be 0")
    rows = session.scalars(
        select(Account)
        .where(Account.id.in_([from_id, to_id]))
        .order_by(Account.id)
        .with_for_update()
    ).all()
    accounts = {a.id: a for a in rows}
    source, target = accounts.get(from_id), accounts.get(to_id)
    if source is None or target is None:
        raise TransferError(404, "account not found")
    if source.frozen or target.frozen:
        raise TransferError(409, "account is frozen")
    if source.balance < amount:
        raise TransferError(409, "insufficient funds")
    source.balance -= amount
    target.balance += amount
    record = Transfer(from_account_id=from_id, to_account_id=to_id, amount=amount)
    session.add(record)
    session.flush()
    session.refresh(record)
    return record
