"""Command handling and projection.

Every command runs in one BEGIN IMMEDIATE transaction (see db.py): it reads the stream's current
version and balance, checks `expected_version` and funds, appends the new event(s) with the next
version(s) and applies them to the projections, all under SQLite's write lock. `apply` is the only
code that changes projections, and `rebuild` replays the whole log through it.
"""

import uuid
from typing import Any

from app.models import AccountView, StatementLine, StoredEvent, now
from fastapi import HTTPException
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

OPENED, DEPOSITED, WITHDRAWN = "AccountOpened", "MoneyDeposited", "MoneyWithdrawn"
SENT, RECEIVED = "TransferSent", "TransferReceived"
SIGN = {DEPOSITED: 1, WITHDRAWN: -1, SENT: -1, RECEIVED: 1}


def new_id() -> str:
    return uuid.uuid4().hex


def apply(session: Session, event: StoredEvent) -> None:
    """Fold one event into the projections."""
    if event.type == OPENED:
        session.add(
            AccountView(id=event.stream_id, owner=event.data["owner"], balance=0, version=1)
        )
        return
    view = session.get(AccountView, event.stream_id)
    if view is None:  # cannot happen for a well-formed log
        raise RuntimeError(f"event for unknown stream {event.stream_id}")
    amount = SIGN[event.type] * event.data["amount"]
    view.balance += amount
    view.version = event.version
    session.add(
        StatementLine(
            account_id=event.stream_id,
            version=event.version,
            type=event.type,
            amount=amount,
            balance_after=view.balance,
            transfer_id=event.data.get("transfer_id"),
            recorded_at=event.recorded_at,
        )
    )


def append(session: Session, stream_id: str, version: int, kind: str, data: dict) -> StoredEvent:
    event = StoredEvent(
        stream_id=stream_id, version=version, type=kind, data=data, recorded_at=now()
    )
    session.add(event)
    session.flush()
    apply(session, event)
    return event


def load(session: Session, account_id: str) -> AccountView:
    view = session.get(AccountView, account_id)
    if view is None:
        raise HTTPException(status_code=404, detail="account not found")
    return view


def check_version(view: AccountView, expected: int | None) -> None:
    if expected is not None and expected != view.version:
        raise HTTPException(
            status_code=409,
            detail=f"version conflict: expected {expected}, stream is at {view.version}",
        )


def check_funds(view: AccountView, amount: int) -> None:
    if view.balance < amount:
        raise HTTPException(status_code=422, detail="insufficient funds")


def open_account(session: Session, owner: str) -> AccountView:
    account_id = new_id()
    append(session, account_id, 1, OPENED, {"owner": owner})
    return load(session, account_id)


def deposit(session: Session, account_id: str, amount: int, expected: int | None) -> AccountView:
    view = load(session, account_id)
    check_version(view, expected)
    append(session, account_id, view.version + 1, DEPOSITED, {"amount": amount})
    return view


def withdraw(session: Session, account_id: str, amount: int, expected: int | None) -> AccountView:
    view = load(session, account_id)
    check_version(view, expected)
    check_funds(view, amount)
    append(session, account_id, view.version + 1, WITHDRAWN, {"amount": amount})
    return view


def deposit_or_withdraw(
    session: Session, account_id: str, amount: int, expected: int | None
) -> AccountView:
    """Withdraw without re-checking funds (the route checked them already)."""
    view = load(session, account_id)
    check_version(view, expected)
    append(session, account_id, view.version + 1, WITHDRAWN, {"amount": amount})
    return view


def transfer(
    session: Session, source_id: str, target_id: str, amount: int, expected: int | None
) -> tuple[str, AccountView, AccountView]:
    if source_id == target_id:
        raise HTTPException(status_code=422, detail="cannot transfer to the same account")
    source, target = load(session, source_id), load(session, target_id)
    check_version(source, expected)
    transfer_id = new_id()
    sent = {"transfer_id": transfer_id, "to_account_id": target_id, "amount": amount}
    received = {"transfer_id": transfer_id, "from_account_id": source_id, "amount": amount}
    append(session, source_id, source.version + 1, SENT, sent)
    append(session, target_id, target.version + 1, RECEIVED, received)
    return transfer_id, source, target


def rebuild(session: Session) -> dict[str, Any]:
    """Drop the projections and replay the whole log, in append order."""
    session.execute(delete(StatementLine))
    session.execute(delete(AccountView))
    session.flush()
    count = 0
    for event in session.scalars(select(StoredEvent).order_by(StoredEvent.seq)):
        apply(session, event)
        count += 1
    session.flush()
    accounts = session.scalar(select(func.count()).select_from(AccountView))
    return {"accounts": accounts, "events": count}
