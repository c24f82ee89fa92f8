"""Accounts and atomic transfers on PostgreSQL."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Response
from sqlalchemy import or_, select

from app.db import SessionLocal, create_schema, database_ready
from app.models import Account, Transfer
from app.schemas import AccountIn, AccountOut, TransferIn, TransferOut
from app.service import TransferError, transfer


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Atomic transfers", version="1.0.0", lifespan=lifespan)


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz")
def readyz(response: Response) -> dict[str, str]:
    if database_ready():
        return {"status": "ready"}
    response.status_code = 503
    return {"status": "unavailable"}


@app.post("/accounts", status_code=201, response_model=AccountOut)
def create_account(body: AccountIn) -> Account:
    with SessionLocal.begin() as session:
        account = Account(owner=body.owner, balance=body.initial_balance, frozen=False)
        session.add(account)
        session.flush()
        session.refresh(account)
        return account


def _get_account(account_id: uuid.UUID) -> Account:
    with SessionLocal() as session:
        account = session.get(Account, account_id)
    if account is None:
        raise HTTPException(404, "account not found")
    return account


@app.get("/accounts/{account_id}", response_model=AccountOut)
def get_account(account_id: uuid.UUID) -> Account:
    return _get_account(account_id)


def _set_frozen(account_id: uuid.UUID, frozen: bool) -> Account:
    with SessionLocal.begin() as session:
        account = session.get(Account, account_id, with_for_update=True)
        if account is None:
            raise HTTPException(404, "account not found")
        account.frozen = frozen
        return account


@app.post("/accounts/{account_id}/freeze", response_model=AccountOut)
def freeze(account_id: uuid.UUID) -> Account:
    return _set_frozen(account_id, True)


@app.post("/accounts/{account_id}/unfreeze", response_model=AccountOut)
def unfreeze(account_id: uuid.UUID) -> Account:
    return _set_frozen(account_id, False)


@app.get("/accounts/{account_id}/transfers", response_model=list[TransferOut])
def account_transfers(account_id: uuid.UUID) -> list[Transfer]:
    _get_account(account_id)
    with SessionLocal() as session:
        return list(
            session.scalars(
                select(Transfer)
                .where(
                    or_(
                        Transfer.from_account_id == account_id, Transfer.to_account_id == account_id
                    )
                )
                .order_by(Transfer.seq.desc())
            )
        )


@app.post("/transfers", status_code=201, response_model=TransferOut)
def create_transfer(body: TransferIn) -> Transfer:
    try:
        with SessionLocal.begin() as session:
            return transfer(session, body.from_account_id, body.to_account_id, body.amount)
    except TransferError as e:
        raise HTTPException(e.status_code, e.detail) from None


@app.get("/transfers/{transfer_id}", response_model=TransferOut)
def get_transfer(transfer_id: uuid.UUID) -> Transfer:
    with SessionLocal() as session:
        record = session.get(Transfer, transfer_id)
    if record is None:
        raise HTTPException(404, "transfer not found")
    return record
