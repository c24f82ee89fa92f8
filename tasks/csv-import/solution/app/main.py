"""HTTP routes of the CSV contact importer."""

import hashlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.db import SessionLocal, create_schema, database_ready, get_session
from app.importer import run_import
from app.models import Contact, ImportBlob, ImportJob

MAX_IMPORT_BYTES = int(os.environ.get("MAX_IMPORT_BYTES", str(20 * 1024 * 1024)))


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Contact import", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]


class RowError(BaseModel):
    line: int
    field: str | None
    message: str


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    status: str
    sha256: str
    total_rows: int
    processed_rows: int
    imported_rows: int
    failed_rows: int
    errors: list[RowError]
    created_at: datetime
    finished_at: datetime | None


class RecordOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    line: int
    email: str
    name: str
    age: int | None
    country: str


class RecordPage(BaseModel):
    items: list[RecordOut]
    total: int
    limit: int
    offset: int


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


def create_or_find_job(data: bytes, digest: str) -> tuple[JobOut, bool]:
    """The job for this checksum: (job, created). The UNIQUE constraint settles races."""
    with SessionLocal() as session:
        existing = session.scalar(select(ImportJob).where(ImportJob.sha256 == digest))
        if existing is not None:
            return JobOut.model_validate(existing), False
        job = ImportJob(
            sha256=digest,
            status="queued",
            total_rows=0,
            processed_rows=0,
            imported_rows=0,
            failed_rows=0,
            errors=[],
            created_at=datetime.now(UTC),
        )
        session.add(job)
        try:
            session.flush()
            session.add(ImportBlob(job_id=job.id, data=data))
            session.commit()
        except IntegrityError:
            session.rollback()
            existing = session.scalar(select(ImportJob).where(ImportJob.sha256 == digest))
            if existing is None:
                raise
            return JobOut.model_validate(existing), False
        return JobOut.model_validate(job), True


@app.post("/imports", status_code=202, response_model=JobOut)
async def create_import(request: Request, background: BackgroundTasks) -> JSONResponse:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_IMPORT_BYTES:
            raise HTTPException(status_code=413, detail="The file is too large")
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise HTTPException(status_code=422, detail="The body is empty; send the CSV file")
    digest = hashlib.sha256(data).hexdigest()
    job, created = await run_in_threadpool(create_or_find_job, data, digest)
    if created:
        background.add_task(run_import, job.id)
    return JSONResponse(
        job.model_dump(mode="json"),
        status_code=202 if created else 200,
        headers={"Location": f"/imports/{job.id}"},
        background=background,
    )


@app.get("/imports/{job_id}", response_model=JobOut)
def get_import(job_id: int, session: SessionDep) -> ImportJob:
    job = session.get(ImportJob, job_id)
    if job is None:
        raise HTTPException(status_code=404, detail="Import not found")
    return job


@app.get("/imports/{job_id}/records", response_model=RecordPage)
def list_records(
    job_id: int,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> RecordPage:
    if session.get(ImportJob, job_id) is None:
        raise HTTPException(status_code=404, detail="Import not found")
    where = Contact.job_id == job_id
    total = session.scalar(select(func.count()).select_from(Contact).where(where)) or 0
    rows = session.scalars(
        select(Contact).where(where).order_by(Contact.line).limit(limit).offset(offset)
    ).all()
    return RecordPage(
        items=[RecordOut.model_validate(r) for r in rows], total=total, limit=limit, offset=offset
    )
