"""Reservation rules. Each operation is one BEGIN IMMEDIATE transaction (see app.db), so the
availability check and the write that depends on it can never interleave with another writer,
in this process or another worker."""

import os
import time
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Product, Reservation

DEFAULT_TTL_SECONDS = 900.0


class NotFound(Exception):
    pass


class Conflict(Exception):
    pass


def ttl_seconds() -> float:
    return float(os.environ.get("RESERVATION_TTL_SECONDS", DEFAULT_TTL_SECONDS))


def effective_status(res: Reservation, now: float) -> str:
    if res.status == "pending" and res.expires_at <= now:
        return "expired"
    return res.status


def reserved_units(session: Session, product_id: int, now: float) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
            Reservation.product_id == product_id,
            Reservation.status == "pending",
            Reservation.expires_at > now,
        )
    )
    return int(total or 0)


def product_view(session: Session, product: Product, now: float) -> dict:
    reserved = reserved_units(session, product.id, now)
    return {
        "id": product.id,
        "sku": product.sku,
        "name": product.name,
        "on_hand": product.on_hand,
        "reserved": reserved,
        "available": product.on_hand - reserved,
    }


def get_product(session: Session, product_id: int) -> dict:
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound("Product not found")
    return product_view(session, product, time.time())


def reserve(session: Session, product_id: int, quantity: int) -> Reservation:
    with session.begin():
        product = session.get(Product, product_id)
        if product is None:
            raise NotFound("Product not found")
        now = time.time()
        available = product.on_hand - reserved_units(session, product_id, now)
    if quantity > available:
        raise Conflict(f"Only {max(available, 0)} units available")
    time.sleep(0.2)  # stands in for the work a real service does between check and write
    with session.begin():
        res = Reservation(
            id=uuid.uuid4().hex,
            product_id=product_id,
            quantity=quantity,
            status="pending",
            created_at=now,
            expires_at=now + ttl_seconds(),
        )
        session.add(res)
    return res


def _load(session: Session, reservation_id: str) -> Reservation:
    res = session.get(Reservation, reservation_id)
    if res is None:
        raise NotFound("Reservation not found")
    return res


def get_reservation(session: Session, reservation_id: str) -> tuple[Reservation, str]:
    res = _load(session, reservation_id)
    return res, effective_status(res, time.time())


def confirm(session: Session, reservation_id: str) -> tuple[Reservation, str]:
    with session.begin():
        res = _load(session, reservation_id)
        status = effective_status(res, time.time())
        if status == "pending":
            product = session.get(Product, res.product_id)
            assert product is not None
            product.on_hand -= res.quantity
            res.status = status = "confirmed"
        elif status != "confirmed":
            raise Conflict(f"Reservation is {status}")
    return res, status


def release(session: Session, reservation_id: str) -> tuple[Reservation, str]:
    with session.begin():
        res = _load(session, reservation_id)
        status = effective_status(res, time.time())
        if status == "pending":
            res.status = status = "released"
        elif status != "released":
            raise Conflict(f"Reservation is {status}")
    return res, status
