"""Delivery runners: threads in every worker process that claim due deliveries and POST them.

A claim is one BEGIN IMMEDIATE transaction (see db.py) that moves the oldest due `pending` delivery
to `sending` and counts the attempt; SQLite's write lock makes it atomic across threads and
processes, so each attempt is sent by exactly one runner and a delivered event is never sent again.
"""

import hashlib
import hmac
import json
import logging
import threading
import time
from dataclasses import dataclass

import httpx
from sqlalchemy import select

from app.config import get_settings
from app.db import SessionLocal
from app.models import Delivery, Event, Subscription, now

log = logging.getLogger("app.sender")
RETRY_STATUSES = {429}


@dataclass(frozen=True)
class Claimed:
    id: str
    attempts: int
    url: str
    secret: str
    body: bytes
    event_id: str


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def claim_next() -> Claimed | None:
    with SessionLocal() as session, session.begin():
        delivery = session.scalar(
            select(Delivery)
            .where(Delivery.status == "pending", Delivery.next_attempt_at <= time.time())
            .order_by(Delivery.next_attempt_at, Delivery.seq)
            .limit(1)
        )
        if delivery is None:
            return None
        event = session.get(Event, delivery.event_id)
        subscription = session.get(Subscription, delivery.subscription_id)
        delivery.status = "sending"
        delivery.attempts += 1
        if event is None or subscription is None:
            delivery.status, delivery.last_error = "failed", "event or subscription is gone"
            return None
        payload = {
            "id": event.id,
            "type": event.type,
            "data": event.data,
            "created_at": event.created_at.isoformat(),
        }
        body = json.dumps(payload, separators=(",", ":")).encode()
        return Claimed(
            delivery.id, delivery.attempts, subscription.url, subscription.secret, body, event.id
        )


def record(delivery_id: str, status_code: int | None, error: str | None) -> None:
    settings = get_settings()
    with SessionLocal() as session, session.begin():
        delivery = session.scalar(select(Delivery).where(Delivery.id == delivery_id))
        if delivery is None:
            return
        delivery.last_status_code, delivery.last_error = status_code, error
        if status_code is not None and 200 <= status_code < 300:
            delivery.status, delivery.delivered_at = "succeeded", now()
            return
        retryable = status_code is None or status_code >= 500 or status_code in RETRY_STATUSES
        if retryable and delivery.attempts < settings.max_attempts:
            delay = settings.retry_base_seconds * 2 ** (delivery.attempts - 1)
            delivery.status, delivery.next_attempt_at = "pending", time.time() + delay
        else:
            delivery.status = "failed"


def send(client: httpx.Client, job: Claimed) -> None:
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Webhook-Id": job.event_id,
        "X-Webhook-Timestamp": timestamp,
        "X-Signature": sign(job.secret, timestamp, job.body),
    }
    try:
        response = client.post(job.url, content=job.body, headers=headers)
    except httpx.TimeoutException:
        record(job.id, None, "timeout")
    except httpx.HTTPError as e:
        record(job.id, None, f"{type(e).__name__}: {e}"[:500])
    else:
        error = None if response.is_success else f"HTTP {response.status_code}"
        record(job.id, response.status_code, error)


class Runner:
    def __init__(self, name: str) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _loop(self) -> None:
        settings = get_settings()
        timeout = httpx.Timeout(settings.timeout_seconds)
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            while not self._stop.is_set():
                try:
                    job = claim_next()
                except Exception:
                    log.exception("claiming a delivery failed")
                    job = None
                if job is None:
                    self._stop.wait(settings.poll_seconds)
                    continue
                try:
                    send(client, job)
                except Exception:
                    log.exception("delivery %s failed unexpectedly", job.id)
                    record(job.id, None, "internal error")
