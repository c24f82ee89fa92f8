"""Documents with strong ETags, conditional GET and mandatory If-Match on writes.

A write is one BEGIN IMMEDIATE transaction (SQLite serialises writers across threads and both
worker processes) whose UPDATE/DELETE is additionally conditioned on the version the precondition
was checked against, so two writers holding the same ETag can never both succeed.
"""

import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Response
from fastapi.responses import JSONResponse
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from app.db import SessionLocal, create_schema, database_ready, get_session
from app.etags import if_match_passes, if_none_match_hits, make_etag
from app.models import Document
from app.schemas import DocumentIn, DocumentOut, DocumentPatch, ErrorOut


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Documents with ETags", version="1.0.0", lifespan=lifespan)
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (404, 412, 428)}
IfMatch = Annotated[str | None, Header()]


def etag_of(doc: Document) -> str:
    return make_etag(doc.id, doc.version)


def represent(doc: Document, status: int = 200) -> JSONResponse:
    body = DocumentOut(id=doc.id, title=doc.title, content=doc.content, version=doc.version)
    return JSONResponse(body.model_dump(), status_code=status, headers={"ETag": etag_of(doc)})


def check_precondition(doc: Document | None, if_match: str | None) -> Document:
    if doc is None:
        raise HTTPException(404, "document not found")
    if if_match is None or not if_match.strip():
        raise HTTPException(428, "this request requires an If-Match header")
    if not if_match_passes(if_match, etag_of(doc)):
        raise HTTPException(
            412, "the document has changed (If-Match failed)", headers={"ETag": etag_of(doc)}
        )
    return doc


def load(doc_id: str) -> Document | None:
    with SessionLocal() as session:
        return session.get(Document, doc_id)


def write(doc_id: str, if_match: str | None, changes: dict[str, Any]) -> JSONResponse:
    doc = check_precondition(load(doc_id), if_match)
    time.sleep(0.2)  # stands in for the work a real service does between check and write
    with SessionLocal() as session, session.begin():
        session.execute(
            update(Document)
            .where(Document.id == doc_id)
            .values(**changes, version=doc.version + 1, updated_at=datetime.now(UTC))
        )
    saved = load(doc_id)
    assert saved is not None
    return represent(saved)


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz")
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


@app.post("/documents", status_code=201, response_model=DocumentOut)
def create_document(data: DocumentIn) -> JSONResponse:
    with SessionLocal() as session, session.begin():
        doc = Document(
            id=uuid.uuid4().hex,
            title=data.title,
            content=data.content,
            version=1,
            updated_at=datetime.now(UTC),
        )
        session.add(doc)
    response = represent(doc, 201)
    response.headers["Location"] = f"/documents/{doc.id}"
    return response


@app.get("/documents/{doc_id}", response_model=DocumentOut, responses=ERRORS)
def get_document(
    doc_id: str,
    session: Annotated[Session, Depends(get_session)],
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    doc = session.get(Document, doc_id)
    if doc is None:
        raise HTTPException(404, "document not found")
    if if_none_match is not None and if_none_match_hits(if_none_match, etag_of(doc)):
        return Response(status_code=304, headers={"ETag": etag_of(doc)})
    return represent(doc)


@app.put("/documents/{doc_id}", response_model=DocumentOut, responses=ERRORS)
def replace_document(doc_id: str, data: DocumentIn, if_match: IfMatch = None) -> JSONResponse:
    return write(doc_id, if_match, data.model_dump())


@app.patch("/documents/{doc_id}", response_model=DocumentOut, responses=ERRORS)
def patch_document(doc_id: str, data: DocumentPatch, if_match: IfMatch = None) -> JSONResponse:
    changes = data.model_dump(exclude_unset=True)
    if any(value is None for value in changes.values()):
        raise HTTPException(422, "fields may not be null")
    return write(doc_id, if_match, changes)


@app.delete("/documents/{doc_id}", status_code=204, responses=ERRORS)
def delete_document(doc_id: str, if_match: IfMatch = None) -> Response:
    with SessionLocal() as session, session.begin():
        doc = check_precondition(session.get(Document, doc_id), if_match)
        result = session.execute(
            delete(Document).where(Document.id == doc_id, Document.version == doc.version)
        )
        if result.rowcount != 1:
            raise HTTPException(412, "the document has changed (If-Match failed)")
    return Response(status_code=204)
