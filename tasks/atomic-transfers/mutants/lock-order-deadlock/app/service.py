"""Transfers: one transaction, source row locked first, then the destination row."""

import uuid
from decimal import Decimal

from app.models import Account, Transfer
from sqlalchemy import select
from sqlalchemy.orm import Session


class TransferError(Exception):
    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(detail)
        self.status_code, self.detail = status_code, detail


def transfer(session: Session, from_id: uuid.UUID, to_id: uuid.UUID, amount: Decimal) -> Transfer:
    """Move `amount` in the caller's open transaction; raise TransferError and change nothing
    when an account is unknown or frozen or the source lacks the funds."""
    if from_id == to_id:
        raise TransferError(422, "from_account_id and to_account_id must differ")
    if amount <= 0:
        raise TransferError(422, "amount must be greater than 0")
    source = session.scalars(
        select(Account).where(Account.id == from_id).with_for_update()
    ).one_or_none()
    target = session.scalars(
        select(Account).where(Account.id == to_id).with_for_update()
    ).one_or_none()
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
