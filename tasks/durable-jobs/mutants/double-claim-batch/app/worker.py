"""The job runner: a thread in every worker process that claims due jobs from the database.

A claim is one BEGIN IMMEDIATE transaction (see db.py) that picks the oldest due `queued` job and
marks it `running` with `attempts + 1`; SQLite's write lock makes this atomic across threads and
processes, so each attempt is executed by exactly one runner.
"""

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from app.config import get_settings
from app.db import SessionLocal
from app.models import Counter, Job, now
from sqlalchemy import select
from sqlalchemy.orm import Session

log = logging.getLogger("app.worker")


class JobFailed(Exception):
    """An attempt failed; the job is retried with backoff or dead-lettered."""


@dataclass(frozen=True)
class Claimed:
    id: str
    type: str
    payload: dict[str, Any]
    attempts: int


def fetch_due(limit: int = 10) -> list[str]:
    """Prefetch a batch of due job ids, to save round trips."""
    with SessionLocal() as session, session.begin():
        return list(
            session.scalars(
                select(Job.id)
                .where(Job.status == "queued", Job.run_at <= time.time())
                .order_by(Job.run_at, Job.seq)
                .limit(limit)
            )
        )


def claim(job_id: str) -> Claimed | None:
    with SessionLocal() as session, session.begin():
        job = session.scalar(select(Job).where(Job.id == job_id))
        if job is None:
            return None
        job.status = "running"
        job.attempts += 1
        job.updated_at = now()
        return Claimed(job.id, job.type, dict(job.payload), job.attempts)


def _finish(session: Session, job_id: str, result: dict[str, Any]) -> None:
    job = session.scalar(select(Job).where(Job.id == job_id))
    if job is None:
        return
    job.status, job.result, job.updated_at = "succeeded", result, now()


def _fail(job_id: str, error: str) -> None:
    settings = get_settings()
    with SessionLocal() as session, session.begin():
        job = session.scalar(select(Job).where(Job.id == job_id))
        if job is None:
            return
        job.last_error = error[:2000]
        job.updated_at = now()
        if job.attempts >= job.max_attempts:
            job.status = "failed"  # dead letter: never picked up again
        else:
            job.status = "queued"
            job.run_at = time.time() + settings.backoff_seconds * 2 ** (job.attempts - 1)


def execute(job: Claimed) -> None:
    """Run one attempt; the side effect and the success record commit together."""
    if job.type == "increment" and job.payload.get("work_ms"):
        time.sleep(job.payload["work_ms"] / 1000)
    if job.type == "flaky" and job.attempts <= job.payload["fail_times"]:
        raise JobFailed(f"planned failure {job.attempts} of {job.payload['fail_times']}")
    with SessionLocal() as session, session.begin():
        if job.type == "echo":
            result: dict[str, Any] = {"echo": job.payload.get("message", "")}
        elif job.type == "flaky":
            result = {"succeeded_on_attempt": job.attempts}
        elif job.type == "increment":
            name, amount = job.payload["counter"], job.payload.get("amount", 1)
            counter = session.get(Counter, name)
            if counter is None:
                counter = Counter(name=name, value=0)
                session.add(counter)
            counter.value += amount
            result = {"counter": name, "value": counter.value}
        else:
            raise JobFailed(f"unknown job type {job.type!r}")
        _finish(session, job.id, result)


class Runner:
    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="job-runner", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _loop(self) -> None:
        poll = get_settings().poll_seconds
        while not self._stop.is_set():
            try:
                batch = fetch_due()
            except Exception:
                log.exception("fetching jobs failed")
                self._stop.wait(poll)
                continue
            if not batch:
                self._stop.wait(poll)
                continue
            for job_id in batch:
                job = claim(job_id)
                if job is None:
                    continue
                try:
                    execute(job)
                except Exception as e:  # any failure of an attempt counts as a failed attempt
                    log.info("job %s attempt %s failed: %s", job.id, job.attempts, e)
                    try:
                        _fail(job.id, str(e) or type(e).__name__)
                    except Exception:
                        log.exception("recording the failure of job %s failed", job.id)
