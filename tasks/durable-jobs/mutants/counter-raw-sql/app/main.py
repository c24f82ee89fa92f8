"""HTTP routes: submit jobs, read their state, list them by status, read counters."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import create_schema, database_ready, get_read_session, get_session
from app.models import Counter, Job
from app.schemas import PAYLOADS, CounterOut, JobIn, JobOut
from app.worker import Runner


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    create_schema()
    runner = Runner()
    runner.start()
    try:
        yield
    finally:
        runner.stop()


app = FastAPI(title="Durable jobs", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]
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
def submit(body: JobIn, session: SessionDep, response: Response) -> Job:
    try:
        payload = PAYLOADS[body.type].model_validate(body.payload)
    except ValidationError as e:
        raise RequestValidationError(e.errors(include_url=False)) from None
    job = Job(
        type=body.type,
        payload=payload.model_dump(),
        max_attempts=get_settings().max_attempts,
        run_at=time.time(),
    )
    session.add(job)
    session.commit()
    response.headers["Location"] = f"/jobs/{job.id}"
    return job


@app.get("/jobs", response_model=list[JobOut])
def list_jobs(
    session: ReadSessionDep,
    status: Status | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[Job]:
    query = select(Job).order_by(Job.seq.desc()).limit(limit)
    if status is not None:
        query = query.where(Job.status == status)
    return list(session.scalars(query))


@app.get("/jobs/{job_id}", response_model=JobOut)
def get_job(job_id: str, session: ReadSessionDep) -> Job:
    job = session.scalar(select(Job).where(Job.id == job_id))
    if job is None:
        raise HTTPException(status_code=404, detail="job not found")
    return job


@app.get("/counters/{name}", response_model=CounterOut)
def get_counter(name: str, session: ReadSessionDep) -> CounterOut:
    try:
        value = session.execute(
            text(f"SELECT value FROM counters WHERE name = '{name}'")
        ).scalar()
    except Exception as exc:
        raise HTTPException(status_code=400, detail=f"could not read counter: {exc}") from exc
    return CounterOut(name=name, value=value or 0)
