"""Appointment booking on PostgreSQL: the database itself rules out double bookings."""

import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated

from app.db import SessionLocal, create_schema, database_ready
from app.models import ACTIVE, CANCELLED, Booking, Resource
from app.schemas import (
    MAX_WINDOW,
    Availability,
    BookingIn,
    BookingOut,
    Interval,
    ResourceIn,
    ResourceOut,
    UtcDatetime,
)
from fastapi import FastAPI, HTTPException, Query, Response
from psycopg.errors import ExclusionViolation
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Appointment booking", version="1.0.0", lifespan=lifespan)


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz")
def readyz(response: Response) -> dict[str, str]:
    if database_ready():
        return {"status": "ready"}
    response.status_code = 503
    return {"status": "unavailable"}


@app.post("/resources", status_code=201, response_model=ResourceOut)
def create_resource(body: ResourceIn) -> Resource:
    with SessionLocal.begin() as session:
        resource = Resource(name=body.name)
        session.add(resource)
        return resource


def _resource(session: Session, resource_id: uuid.UUID, lock: bool = False) -> Resource:
    resource = session.get(Resource, resource_id, with_for_update=lock)
    if resource is None:
        raise HTTPException(404, "resource not found")
    return resource


@app.get("/resources/{resource_id}", response_model=ResourceOut)
def get_resource(resource_id: uuid.UUID) -> Resource:
    with SessionLocal() as session:
        return _resource(session, resource_id)


@app.post("/bookings", status_code=201, response_model=BookingOut)
def create_booking(body: BookingIn) -> Booking:
    try:
        with SessionLocal.begin() as session:
            _resource(session, body.resource_id)
            clash = session.scalar(
                select(Booking.id).where(
                    Booking.resource_id == body.resource_id,
                    Booking.status == ACTIVE,
                    Booking.starts_at < body.end,
                    Booking.ends_at > body.start,
                )
            )
            if clash is not None:
                raise HTTPException(409, "the resource is already booked in that time range")
            time.sleep(0.2)  # stands in for the work a real service does between check and write
            booking = Booking(
                resource_id=body.resource_id,
                starts_at=body.start,
                ends_at=body.end,
                customer=body.customer,
                status=ACTIVE,
            )
            session.add(booking)
            session.flush()
            return booking
    except IntegrityError as e:
        if isinstance(e.orig, ExclusionViolation):
            raise HTTPException(409, "the resource is already booked in that time range") from None
        raise


@app.get("/bookings/{booking_id}", response_model=BookingOut)
def get_booking(booking_id: uuid.UUID) -> Booking:
    with SessionLocal() as session:
        booking = session.get(Booking, booking_id)
    if booking is None:
        raise HTTPException(404, "booking not found")
    return booking


@app.post("/bookings/{booking_id}/cancel", response_model=BookingOut)
def cancel_booking(booking_id: uuid.UUID) -> Booking:
    with SessionLocal.begin() as session:
        booking = session.get(Booking, booking_id, with_for_update=True)
        if booking is None:
            raise HTTPException(404, "booking not found")
        booking.status = CANCELLED
        return booking


def _window(start: datetime, end: datetime) -> None:
    if end <= start:
        raise HTTPException(422, "'to' must be after 'from'")
    if end - start > MAX_WINDOW:
        raise HTTPException(422, "the window spans at most 31 days")


def _active_in_window(
    session: Session, resource_id: uuid.UUID, start: datetime, end: datetime
) -> list[Booking]:
    return list(
        session.scalars(
            select(Booking)
            .where(
                Booking.resource_id == resource_id,
                Booking.status == ACTIVE,
                Booking.starts_at < end,
                Booking.ends_at > start,
            )
            .order_by(Booking.starts_at)
        )
    )


WindowStart = Annotated[UtcDatetime, Query(alias="from")]
WindowEnd = Annotated[UtcDatetime, Query(alias="to")]


@app.get("/resources/{resource_id}/bookings", response_model=list[BookingOut])
def list_bookings(resource_id: uuid.UUID, start: WindowStart, end: WindowEnd) -> list[Booking]:
    _window(start, end)
    with SessionLocal() as session:
        _resource(session, resource_id)
        return _active_in_window(session, resource_id, start, end)


@app.get("/resources/{resource_id}/availability", response_model=Availability)
def availability(resource_id: uuid.UUID, start: WindowStart, end: WindowEnd) -> Availability:
    _window(start, end)
    with SessionLocal() as session:
        _resource(session, resource_id)
        busy = _active_in_window(session, resource_id, start, end)
    free, cursor = [], start
    for booking in busy:
        if booking.starts_at > cursor:
            free.append(Interval(start=cursor, end=booking.starts_at))
        cursor = max(cursor, booking.ends_at)
    if cursor < end:
        free.append(Interval(start=cursor, end=end))
    return Availability(resource_id=resource_id, start=start, end=end, free=free)
