"""HTTP routes: commands that append events, and read models served from the projections."""

import hmac
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any

from app import ledger
from app.db import ReadSessionLocal, create_schema, database_ready, get_read_session, get_session
from app.models import AccountView, StatementLine, StoredEvent
from fastapi import Depends, FastAPI, Header, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictInt
from sqlalchemy import select
from sqlalchemy.orm import Session

MAX_AMOUNT = 1_000_000_000_000


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    if not os.environ.get("APP_SECRET"):
        raise RuntimeError("APP_SECRET is not set")
    create_schema()
    yield


app = FastAPI(title="Event-sourced ledger", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]
ReadSessionDep = Annotated[Session, Depends(get_read_session)]
Amount = Annotated[StrictInt, Field(gt=0, le=MAX_AMOUNT)]
Version = Annotated[StrictInt, Field(ge=1)]


class OpenIn(BaseModel):
    owner: Annotated[str, Field(min_length=1, max_length=100)]


class MoneyIn(BaseModel):
    amount: Amount
    expected_version: Version | None = None


class TransferIn(BaseModel):
    from_account_id: str
    to_account_id: str
    amount: Amount
    expected_version: Version | None = None


class AccountOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    owner: str
    balance: int
    version: int


class TransferOut(BaseModel):
    id: str
    from_account: AccountOut
    to_account: AccountOut


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    account_id: str
    version: int
    type: str
    data: dict[str, Any]
    recorded_at: datetime


class LineOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: int
    type: str
    amount: int
    balance_after: int
    transfer_id: str | None
    recorded_at: datetime


class StatementOut(BaseModel):
    account_id: str
    balance: int
    version: int
    entries: list[LineOut]


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


def _account(view: AccountView) -> AccountOut:
    return AccountOut.model_validate(view)


@app.post("/accounts", status_code=201, response_model=AccountOut)
def open_account(body: OpenIn, session: SessionDep) -> AccountOut:
    out = _account(ledger.open_account(session, body.owner))
    session.commit()
    return out


@app.post("/accounts/{account_id}/deposits", status_code=201, response_model=AccountOut)
def deposit(account_id: str, body: MoneyIn, session: SessionDep) -> AccountOut:
    out = _account(ledger.deposit(session, account_id, body.amount, body.expected_version))
    session.commit()
    return out


@app.post("/accounts/{account_id}/withdrawals", status_code=201, response_model=AccountOut)
def withdraw(account_id: str, body: MoneyIn, session: SessionDep) -> AccountOut:
    with ReadSessionLocal() as reader:  # check funds on the read model first
        ledger.check_funds(ledger.load(reader, account_id), body.amount)
    time.sleep(0.2)  # stands in for the work a real service does between check and write
    out = _account(
        ledger.deposit_or_withdraw(session, account_id, body.amount, body.expected_version)
    )
    session.commit()
    return out


@app.post("/transfers", status_code=201, response_model=TransferOut)
def transfer(body: TransferIn, session: SessionDep) -> TransferOut:
    with ReadSessionLocal() as reader:  # check funds on the read model first
        ledger.check_funds(ledger.load(reader, body.from_account_id), body.amount)
    time.sleep(0.2)  # stands in for the work a real service does between check and write
    transfer_id, source, target = ledger.transfer(
        session, body.from_account_id, body.to_account_id, body.amount, body.expected_version
    )
    out = TransferOut(id=transfer_id, from_account=_account(source), to_account=_account(target))
    session.commit()
    return out


@app.get("/accounts/{account_id}", response_model=AccountOut)
def get_account(account_id: str, session: ReadSessionDep) -> AccountOut:
    return _account(ledger.load(session, account_id))


@app.get("/accounts/{account_id}/statement", response_model=StatementOut)
def statement(account_id: str, session: ReadSessionDep) -> StatementOut:
    view = ledger.load(session, account_id)
    lines = session.scalars(
        select(StatementLine)
        .where(StatementLine.account_id == account_id)
        .order_by(StatementLine.version)
    )
    return StatementOut(
        account_id=view.id,
        balance=view.balance,
        version=view.version,
        entries=[LineOut.model_validate(line) for line in lines],
    )


@app.get("/accounts/{account_id}/events", response_model=list[EventOut])
def events(account_id: str, session: ReadSessionDep) -> list[EventOut]:
    rows = list(
        session.scalars(
            select(StoredEvent)
            .where(StoredEvent.stream_id == account_id)
            .order_by(StoredEvent.version)
        )
    )
    if not rows:
        raise HTTPException(status_code=404, detail="account not found")
    return [
        EventOut(
            account_id=e.stream_id,
            version=e.version,
            type=e.type,
            data=e.data,
            recorded_at=e.recorded_at,
        )
        for e in rows
    ]


def require_admin(x_admin_token: Annotated[str | None, Header()] = None) -> None:
    secret = os.environ["APP_SECRET"]
    if not x_admin_token or not hmac.compare_digest(x_admin_token.encode(), secret.encode()):
        raise HTTPException(status_code=401, detail="admin token required")


@app.post("/admin/rebuild-projections", dependencies=[Depends(require_admin)])
def rebuild_projections(session: SessionDep) -> dict[str, Any]:
    out = ledger.rebuild(session)
    session.commit()
    return out
