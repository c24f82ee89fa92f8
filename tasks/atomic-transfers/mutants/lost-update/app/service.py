"""Transfers: read both balances, compute the new ones, write them back."""

import time
import uuid
from decimal import Decimal

from app.models import Account, Transfer
from sqlalchemy import select, update
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
    rows = session.execute(
        select(Account.id, Account.balance, Account.frozen).where(Account.id.in_([from_id, to_id]))
    ).all()
    accounts = {r.id: r for r in rows}
    source, target = accounts.get(from_id), accounts.get(to_id)
    if source is None or target is None:
        raise TransferError(404, "account not found")
    if source.frozen or target.frozen:
        raise TransferError(409, "account is frozen")
    if source.balance < amount:
        raise TransferError(409, "insufficient funds")
    time.sleep(0.2)  # stands in for the work a real service does between check and write
    session.execute(
        update(Account).where(Account.id == from_id).values(balance=source.balance - amount)
    )
    session.execute(
        update(Account).where(Account.id == to_id).values(balance=target.balance + amount)
    )
    record = Transfer(from_account_id=from_id, to_account_id=to_id, amount=amount)
    session.add(record)
    session.flush()
    session.refresh(record)
    return record
