"""Transfers: check the funds, then apply both legs with atomic UPDATEs."""

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
    for account_id, delta in sorted([(from_id, -amount), (to_id, amount)]):
        session.execute(
            update(Account).where(Account.id == account_id).values(balance=Account.balance + delta)
        )
    record = Transfer(from_account_id=from_id, to_account_id=to_id, amount=amount)
    session.add(record)
    session.flush()
    session.refresh(record)
    return record
