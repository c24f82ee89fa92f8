"""HTTP routes: subscriptions, event intake (fan-out to deliveries) and the delivery log."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import create_schema, database_ready, get_read_session, get_session
from app.models import Delivery, Event, Subscription
from app.sender import Runner
from app.urls import url_problem


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    create_schema()
    runners = [Runner(f"webhook-runner-{i}") for i in range(get_settings().runners_per_process)]
    for runner in runners:
        runner.start()
    try:
        yield
    finally:
        for runner in runners:
            runner.stop()


app = FastAPI(title="Webhook sender", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]
ReadSessionDep = Annotated[Session, Depends(get_read_session)]


def _safe_url(url: str) -> str:
    problem = url_problem(url)
    if problem:
        raise ValueError(problem)
    return url


EventType = Annotated[str, Field(min_length=1, max_length=200)]


class SubscriptionIn(BaseModel):
    url: Annotated[str, Field(max_length=2000), AfterValidator(_safe_url)]
    event_types: Annotated[list[EventType], Field(min_length=1, max_length=50)]
    secret: Annotated[str, Field(min_length=16, max_length=200)]


class SubscriptionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    url: str
    event_types: list[str]
    created_at: datetime


class EventIn(BaseModel):
    type: EventType
    data: dict[str, Any] = Field(default_factory=dict)


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    type: str
    data: dict[str, Any]
    created_at: datetime


class DeliveryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    event_id: str
    subscription_id: str
    status: str
    attempts: int
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post("/subscriptions", status_code=201, response_model=SubscriptionOut)
def create_subscription(body: SubscriptionIn, session: SessionDep) -> Subscription:
    subscription = Subscription(url=body.url, event_types=body.event_types, secret=body.secret)
    session.add(subscription)
    session.commit()
    return subscription


@app.get("/subscriptions/{subscription_id}", response_model=SubscriptionOut)
def get_subscription(subscription_id: str, session: ReadSessionDep) -> Subscription:
    subscription = session.get(Subscription, subscription_id)
    if subscription is None:
        raise HTTPException(status_code=404, detail="subscription not found")
    return subscription


@app.post("/events", status_code=202, response_model=EventOut)
def publish(body: EventIn, session: SessionDep) -> Event:
    event = Event(type=body.type, data=body.data)
    session.add(event)
    session.flush()
    due = time.time()
    for subscription in session.scalars(select(Subscription).order_by(Subscription.created_at)):
        if body.type in subscription.event_types:
            session.add(
                Delivery(event_id=event.id, subscription_id=subscription.id, next_attempt_at=due)
            )
    session.commit()
    return event


def _public(delivery: Delivery) -> DeliveryOut:
    out = DeliveryOut.model_validate(delivery)
    if out.status == "sending":  # an attempt is in flight
        out.status = "pending"
    return out


@app.get("/events/{event_id}/deliveries", response_model=list[DeliveryOut])
def event_deliveries(event_id: str, session: ReadSessionDep) -> list[DeliveryOut]:
    if session.get(Event, event_id) is None:
        raise HTTPException(status_code=404, detail="event not found")
    rows = session.scalars(
        select(Delivery).where(Delivery.event_id == event_id).order_by(Delivery.seq)
    )
    return [_public(d) for d in rows]
