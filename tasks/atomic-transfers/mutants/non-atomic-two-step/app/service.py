"""Transfers in two steps: debit the source, then credit the destination."""

import uuid
from decimal import Decimal

from app.db import SessionLocal
from app.models import Account, Transfer
from sqlalchemy import select
from sqlalchemy.orm import Session


class TransferError(Exception):
    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(detail)
        self.status_code, self.detail = status_code, detail


def transfer(session: Session, from_id: uuid.UUID, to_id: uuid.UUID, amount: Decimal) -> Transfer:
    if from_id == to_id:
        raise TransferError(422, "from_account_id and to_account_id must differ")
    if amount <= 0:
        raise TransferError(422, "amount must be greater than 0")
    # step 1: debit (its own short transaction)
    with SessionLocal.begin() as debit:
        source = debit.scalars(
            select(Account).where(Account.id == from_id).with_for_update()
        ).one_or_none()
        if source is None:
            raise TransferError(404, "account not found")
        if source.frozen:
            raise TransferError(409, "account is frozen")
        if source.balance < amount:
            raise TransferError(409, "insufficient funds")
        source.balance -= amount
    # step 2: credit
    target = session.scalars(
        select(Account).where(Account.id == to_id).with_for_update()
    ).one_or_none()
    if target is None:
        raise TransferError(404, "account not found")
    if target.frozen:
        raise TransferError(409, "account is frozen")
    target.balance += amount
    record = Transfer(from_account_id=from_id, to_account_id=to_id, amount=amount)
    session.add(record)
    session.flush()
    session.refresh(record)
    return record
