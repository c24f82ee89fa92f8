"""HTTP routes of the job board."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated

from app.db import create_schema, database_ready, get_session
from app.models import Job, JobTerm
from app.schemas import Facets, JobIn, JobOut, SearchPage
from app.text import tokens
from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.responses import JSONResponse
from sqlalchemy import Select, case, func, literal, select, text
from sqlalchemy.orm import Session


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Job board", version="1.0.0", lifespan=lifespan, debug=True)
SessionDep = Annotated[Session, Depends(get_session)]


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post("/jobs", status_code=201, response_model=JobOut)
def create_job(payload: JobIn, response: Response, session: SessionDep) -> Job:
    job = Job(**payload.model_dump(), created_at=datetime.now(UTC))
    session.add(job)
    session.flush()
    title_terms = set(tokens(job.title))
    all_terms = title_terms | set(tokens(job.description))
    session.add_all(
        JobTerm(job_id=job.id, term=term, in_title=term in title_terms) for term in all_terms
    )
    session.commit()
    response.headers["Location"] = f"/jobs/{job.id}"
    return job


@app.get("/jobs/{job_id}", response_model=JobOut)
def get_job(job_id: int, session: SessionDep) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise HTTPException(status_code=404, detail="Job not found")
    return job


def matching(
    terms: list[str],
    location: str | None,
    remote: bool | None,
    salary_min: int | None,
    salary_max: int | None,
) -> Select:
    """Jobs matching every query term (title or description) and every filter, with the number
    of query terms found in the title as `title_hits`."""
    if terms:
        wanted = ", ".join(f"'{t}'" for t in terms)
        hits = (
            select(
                JobTerm.job_id,
                func.sum(case((JobTerm.in_title, 1), else_=0)).label("title_hits"),
            )
            .where(text(f"job_terms.term IN ({wanted})"))
            .group_by(JobTerm.job_id)
            .having(func.count() == len(terms))
            .subquery()
        )
        query = select(Job, hits.c.title_hits).join(hits, hits.c.job_id == Job.id)
    else:
        query = select(Job, literal(0).label("title_hits"))
    if location is not None:
        query = query.where(Job.location == location)
    if remote is not None:
        query = query.where(Job.remote == remote)
    if salary_min is not None:
        query = query.where(Job.salary_max >= salary_min)
    if salary_max is not None:
        query = query.where(Job.salary_min <= salary_max)
    return query


def _split(q: str) -> list[str]:
    return list(dict.fromkeys(q.casefold().split()))


@app.get("/jobs", response_model=SearchPage)
def search_jobs(
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=500)] = None,
    location: str | None = None,
    remote: bool | None = None,
    salary_min: Annotated[int | None, Query(ge=0)] = None,
    salary_max: Annotated[int | None, Query(ge=0)] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> SearchPage:
    query = matching(_split(q or ""), location, remote, salary_min, salary_max)
    found = query.subquery()
    total = session.scalar(select(func.count()).select_from(found)) or 0
    by_location = session.execute(
        select(found.c.location, func.count()).group_by(found.c.location)
    ).all()
    by_remote = dict(
        session.execute(select(found.c.remote, func.count()).group_by(found.c.remote)).all()
    )
    rows = session.scalars(
        query.order_by(query.selected_columns.title_hits.desc(), Job.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    facets = Facets(
        location={loc: n for loc, n in by_location},
        remote={"true": by_remote.get(True, 0), "false": by_remote.get(False, 0)},
    )
    return SearchPage(
        items=[JobOut.model_validate(j) for j in rows],
        total=total,
        limit=limit,
        offset=offset,
        facets=facets,
    )
