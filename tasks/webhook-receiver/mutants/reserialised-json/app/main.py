"""HTTP routes: the signed inbound webhook endpoint and read-only views of what it processed."""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import create_schema, database_ready, get_session
from app.models import Counter, Event
from app.security import _secret, verify

COUNTER_EVENT = "counter.incremented"


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    _secret()  # fail fast without WEBHOOK_SECRET
    create_schema()
    yield


app = FastAPI(title="Inbound webhook receiver", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    type: str
    data: dict[str, Any]
    timestamp: int
    received_at: Any


class Ack(BaseModel):
    id: str
    duplicate: bool


class CounterOut(BaseModel):
    name: str
    value: int


async def raw_body(request: Request) -> bytes:
    return await request.body()


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


def _parse(body: bytes) -> tuple[str, dict[str, Any]]:
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(status_code=400, detail="body is not valid JSON") from None
    if not isinstance(payload, dict):
        raise HTTPException(status_code=400, detail="body must be a JSON object")
    event_type, data = payload.get("type"), payload.get("data")
    if not isinstance(event_type, str) or not 1 <= len(event_type) <= 200:
        raise HTTPException(status_code=400, detail="type must be a non-empty string")
    if not isinstance(data, dict):
        raise HTTPException(status_code=400, detail="data must be an object")
    if event_type == COUNTER_EVENT:
        counter, amount = data.get("counter"), data.get("amount")
        if not isinstance(counter, str) or not 1 <= len(counter) <= 200:
            raise HTTPException(status_code=400, detail="data.counter must be a string")
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise HTTPException(status_code=400, detail="data.amount must be an integer")
    return event_type, data


def _apply(session: Session, event_type: str, data: dict[str, Any]) -> None:
    if event_type != COUNTER_EVENT:
        return
    counter = session.get(Counter, data["counter"])
    if counter is None:
        session.add(Counter(name=data["counter"], value=data["amount"]))
    else:
        counter.value += data["amount"]


@app.post("/webhooks/inbound", response_model=Ack)
def receive(
    body: Annotated[bytes, Depends(raw_body)],
    session: SessionDep,
    webhook_id: Annotated[str | None, Header()] = None,
    webhook_timestamp: Annotated[str | None, Header()] = None,
    webhook_signature: Annotated[str | None, Header()] = None,
) -> Ack:
    event_type, data = _parse(body)
    canonical = json.dumps({"type": event_type, "data": data}, separators=(",", ":")).encode()
    sent_at = verify(webhook_id, webhook_timestamp, webhook_signature, canonical)
    # Every transaction is BEGIN IMMEDIATE (see db.py): the lookup, the insert and the effect
    # happen under SQLite's write lock, so concurrent deliveries of one id are processed once.
    if session.scalar(select(Event.seq).where(Event.id == webhook_id)) is not None:
        session.rollback()
        return Ack(id=webhook_id, duplicate=True)
    session.add(Event(id=webhook_id, type=event_type, data=data, timestamp=sent_at))
    _apply(session, event_type, data)
    session.commit()
    return Ack(id=webhook_id, duplicate=False)


@app.get("/events", response_model=list[EventOut])
def list_events(
    session: SessionDep,
    type: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[Event]:
    query = select(Event).order_by(Event.seq).limit(limit)
    if type is not None:
        query = query.where(Event.type == type)
    return list(session.scalars(query))


@app.get("/events/{event_id}", response_model=EventOut)
def get_event(event_id: str, session: SessionDep) -> Event:
    event = session.scalar(select(Event).where(Event.id == event_id))
    if event is None:
        raise HTTPException(status_code=404, detail="event not found")
    return event


@app.get("/counters/{name}", response_model=CounterOut)
def get_counter(name: str, session: SessionDep) -> CounterOut:
    counter = session.get(Counter, name)
    return CounterOut(name=name, value=counter.value if counter else 0)
