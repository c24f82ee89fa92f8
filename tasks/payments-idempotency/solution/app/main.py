"""Payments API with per-client idempotency keys.

Creating a payment is guarded by an idempotency record, unique per (client, key), that is inserted
in its own short BEGIN IMMEDIATE transaction *before* the charge runs. SQLite serialises those
transactions across threads and worker processes, so of any number of simultaneous requests with
the same client and key exactly one inserts the record and charges; the others see the record and
get 409 (still in progress), 422 (different body) or the stored response (replay).
"""

import asyncio
import hashlib
import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import SessionLocal, create_schema, database_ready, get_session
from app.models import IdempotencyRecord, Payment
from app.schemas import ErrorOut, PaymentIn, PaymentOut

MAX_KEY_LENGTH = 255
MAX_CLIENT_LENGTH = 64
PROCESSING_SECONDS = max(0, int(os.environ.get("PAYMENT_PROCESSING_MS", "200"))) / 1000


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Payments with idempotency keys", version="1.0.0", lifespan=lifespan)
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (400, 401, 404, 409, 422)
}


def client_id(x_client_id: Annotated[str | None, Header()] = None) -> str:
    value = (x_client_id or "").strip()
    if not value or len(value) > MAX_CLIENT_LENGTH:
        raise HTTPException(401, "missing or invalid X-Client-Id header")
    return value


ClientId = Annotated[str, Depends(client_id)]


def fingerprint(body: Any) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def to_out(p: Payment) -> dict[str, Any]:
    created = p.created_at if p.created_at.tzinfo else p.created_at.replace(tzinfo=UTC)
    return PaymentOut(
        id=p.id,
        amount=p.amount,
        currency=p.currency,
        description=p.description,
        status=p.status,
        created_at=created.isoformat().replace("+00:00", "Z"),
    ).model_dump()


def replay(record: IdempotencyRecord) -> JSONResponse:
    return JSONResponse(
        json.loads(record.response_body or "null"),
        status_code=record.response_status or 200,
        headers={"Idempotent-Replayed": "true"},
    )


def existing_outcome(record: IdempotencyRecord, fp: str) -> JSONResponse:
    if record.fingerprint != fp:
        return JSONResponse(
            {"detail": "Idempotency-Key was already used with a different request body"},
            status_code=422,
        )
    if record.state != "completed":
        return JSONResponse(
            {"detail": "a request with this Idempotency-Key is still being processed"},
            status_code=409,
        )
    return replay(record)


def claim_key(client: str, key: str, fp: str) -> JSONResponse | None:
    """Insert the in-progress record; return the response to send instead if it exists."""
    with SessionLocal() as session:
        try:
            with session.begin():
                found = session.scalar(
                    select(IdempotencyRecord).where(
                        IdempotencyRecord.client_id == client, IdempotencyRecord.key == key
                    )
                )
                if found is not None:
                    return existing_outcome(found, fp)
                session.add(
                    IdempotencyRecord(
                        client_id=client,
                        key=key,
                        fingerprint=fp,
                        state="in_progress",
                        created_at=datetime.now(UTC),
                    )
                )
        except IntegrityError:  # only possible without BEGIN IMMEDIATE; re-read the winner
            with session.begin():
                found = session.scalar(
                    select(IdempotencyRecord).where(
                        IdempotencyRecord.client_id == client, IdempotencyRecord.key == key
                    )
                )
                assert found is not None
                return existing_outcome(found, fp)
    return None


def record_payment(client: str, key: str, data: PaymentIn) -> dict[str, Any]:
    """Store the payment and the response for later replays, in one transaction."""
    with SessionLocal() as session, session.begin():
        payment = Payment(
            id=f"pay_{uuid.uuid4().hex}",
            client_id=client,
            amount=data.amount,
            currency=data.currency,
            description=data.description,
            status="succeeded",
            created_at=datetime.now(UTC),
        )
        session.add(payment)
        body = to_out(payment)
        record = session.scalars(
            select(IdempotencyRecord).where(
                IdempotencyRecord.client_id == client, IdempotencyRecord.key == key
            )
        ).one()
        record.state = "completed"
        record.response_status = 201
        record.response_body = json.dumps(body)
    return body


def release_key(client: str, key: str) -> None:
    with SessionLocal() as session, session.begin():
        record = session.scalar(
            select(IdempotencyRecord).where(
                IdempotencyRecord.client_id == client, IdempotencyRecord.key == key
            )
        )
        if record is not None and record.state != "completed":
            session.delete(record)


async def charge(data: PaymentIn) -> None:
    """Stand-in for the call to the payment provider (slow, must happen at most once)."""
    await asyncio.sleep(PROCESSING_SECONDS)


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz")
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post("/payments", status_code=201, response_model=PaymentOut, responses=ERRORS)
async def create_payment(
    data: PaymentIn,
    request: Request,
    client: ClientId,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    key = (idempotency_key or "").strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise HTTPException(400, f"Idempotency-Key header is required (1-{MAX_KEY_LENGTH} chars)")
    fp = fingerprint(await request.json())
    outcome = await run_in_threadpool(claim_key, client, key, fp)
    if outcome is not None:
        return outcome
    try:
        await charge(data)
        body = await run_in_threadpool(record_payment, client, key, data)
    except BaseException:
        await run_in_threadpool(release_key, client, key)
        raise
    return JSONResponse(body, status_code=201)


@app.get("/payments", response_model=list[PaymentOut], responses=ERRORS)
def list_payments(
    client: ClientId, session: Annotated[Session, Depends(get_session)]
) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Payment).where(Payment.client_id == client).order_by(Payment.created_at)
    )
    return [to_out(p) for p in rows]


@app.get("/payments/{payment_id}", response_model=PaymentOut, responses=ERRORS)
def get_payment(
    payment_id: str, client: ClientId, session: Annotated[Session, Depends(get_session)]
) -> dict[str, Any]:
    payment = session.get(Payment, payment_id)
    if payment is None or payment.client_id != client:
        raise HTTPException(404, "payment not found")
    return to_out(payment)
