"""HTTP routes: submit jobs, read their state, list them by status, read counters."""

import logging
import queue
import threading
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from app.config import get_settings
from app.db import SessionLocal, create_schema, database_ready, get_read_session
from app.models import Counter
from app.schemas import PAYLOADS, CounterOut, JobIn, JobOut
from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session

log = logging.getLogger("app.queue")
JOBS: dict[str, dict[str, Any]] = {}
QUEUE: "queue.Queue[str]" = queue.Queue()
LOCK = threading.Lock()
STOP = threading.Event()


def _now() -> datetime:
    return datetime.now(UTC)


def _run(job: dict[str, Any]) -> dict[str, Any]:
    payload = job["payload"]
    if job["type"] == "increment" and payload.get("work_ms"):
        time.sleep(payload["work_ms"] / 1000)
    if job["type"] == "flaky" and job["attempts"] <= payload["fail_times"]:
        raise RuntimeError(f"planned failure {job['attempts']} of {payload['fail_times']}")
    if job["type"] == "echo":
        return {"echo": payload.get("message", "")}
    if job["type"] == "flaky":
        return {"succeeded_on_attempt": job["attempts"]}
    with SessionLocal() as session, session.begin():
        counter = session.get(Counter, payload["counter"])
        if counter is None:
            counter = Counter(name=payload["counter"], value=0)
            session.add(counter)
        counter.value += payload.get("amount", 1)
        return {"counter": payload["counter"], "value": counter.value}


def _worker() -> None:
    settings = get_settings()
    while not STOP.is_set():
        try:
            job_id = QUEUE.get(timeout=0.1)
        except queue.Empty:
            continue
        job = JOBS[job_id]
        delay = job["run_at"] - time.time()
        if delay > 0:
            time.sleep(delay)
        with LOCK:
            job.update(status="running", attempts=job["attempts"] + 1, updated_at=_now())
        try:
            result = _run(job)
        except Exception as e:
            with LOCK:
                job.update(last_error=str(e), updated_at=_now())
                if job["attempts"] >= job["max_attempts"]:
                    job["status"] = "failed"
                else:
                    job["status"] = "queued"
                    job["run_at"] = time.time() + settings.backoff_seconds * 2 ** (
                        job["attempts"] - 1
                    )
                    QUEUE.put(job_id)
            continue
        with LOCK:
            job.update(status="succeeded", result=result, updated_at=_now())


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    create_schema()
    thread = threading.Thread(target=_worker, daemon=True)
    thread.start()
    try:
        yield
    finally:
        STOP.set()


app = FastAPI(title="Durable jobs", version="1.0.0", lifespan=lifespan)
ReadSessionDep = Annotated[Session, Depends(get_read_session)]
Status = Literal["queued", "running", "succeeded", "failed"]


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post("/jobs", status_code=202, response_model=JobOut)
def submit(body: JobIn, response: Response) -> dict[str, Any]:
    try:
        payload = PAYLOADS[body.type].model_validate(body.payload)
    except ValidationError as e:
        raise RequestValidationError(e.errors(include_url=False)) from None
    job_id = uuid.uuid4().hex
    job = {
        "id": job_id,
        "type": body.type,
        "payload": payload.model_dump(),
        "status": "queued",
        "attempts": 0,
        "max_attempts": get_settings().max_attempts,
        "result": None,
        "last_error": None,
        "run_at": time.time(),
        "created_at": _now(),
        "updated_at": _now(),
    }
    with LOCK:
        JOBS[job_id] = job
    QUEUE.put(job_id)
    response.headers["Location"] = f"/jobs/{job_id}"
    return dict(job)


@app.get("/jobs", response_model=list[JobOut])
def list_jobs(
    status: Status | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    with LOCK:
        jobs = [dict(j) for j in reversed(JOBS.values())]
    return [j for j in jobs if status is None or j["status"] == status][:limit]


@app.get("/jobs/{job_id}", response_model=JobOut)
def get_job(job_id: str) -> dict[str, Any]:
    with LOCK:
        job = JOBS.get(job_id)
        if job is None:
            raise HTTPException(status_code=404, detail="job not found")
        return dict(job)


@app.get("/counters/{name}", response_model=CounterOut)
def get_counter(name: str, session: ReadSessionDep) -> CounterOut:
    counter = session.get(Counter, name)
    return CounterOut(name=name, value=counter.value if counter else 0)
