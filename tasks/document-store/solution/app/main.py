"""HTTP routes of the document store."""

import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated

from fastapi import (
    Depends,
    FastAPI,
    File,
    Form,
    Header,
    HTTPException,
    Request,
    Response,
    UploadFile,
)
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import create_schema, database_ready, get_session
from app.files import (
    MAX_UPLOAD_BYTES,
    STORAGE_DIR,
    TooLarge,
    blob_path,
    content_disposition,
    sanitize_filename,
    sniff,
    store,
)
from app.models import Document

USER_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
MULTIPART_OVERHEAD = 64 * 1024


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    STORAGE_DIR.mkdir(parents=True, exist_ok=True)
    create_schema()
    yield


app = FastAPI(title="Document store", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    filename: str
    title: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime


class DocumentList(BaseModel):
    items: list[DocumentOut]


@app.middleware("http")
async def reject_oversized_uploads(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Refuse bodies that announce more than the limit allows before parsing them."""
    declared = request.headers.get("content-length", "")
    if (
        request.method == "POST"
        and declared.isdigit()
        and int(declared) > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD
    ):
        return JSONResponse({"detail": "File too large"}, status_code=413)
    return await call_next(request)


def current_user(x_user: Annotated[str | None, Header()] = None) -> str:
    if x_user is None or not USER_RE.fullmatch(x_user):
        raise HTTPException(status_code=401, detail="Missing or invalid X-User header")
    return x_user


UserDep = Annotated[str, Depends(current_user)]


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready() and STORAGE_DIR.is_dir():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


def _own(session: Session, user: str, document_id: str) -> Document:
    doc = session.get(Document, document_id)
    if doc is None or doc.owner != user:
        raise HTTPException(status_code=404, detail="Document not found")
    return doc


@app.post("/documents", status_code=201, response_model=DocumentOut)
def upload(
    user: UserDep,
    session: SessionDep,
    response: Response,
    file: Annotated[UploadFile, File()],
    title: Annotated[str | None, Form(max_length=200)] = None,
) -> Document:
    try:
        blob = store(file.file)
    except TooLarge:
        raise HTTPException(status_code=413, detail="File too large") from None
    ctype = sniff(blob.head, blob.path)
    if ctype is None:
        blob.path.unlink(missing_ok=True)
        raise HTTPException(status_code=415, detail="Only PDF, PNG, JPEG and plain text")
    filename = sanitize_filename(file.filename)
    doc = Document(
        id=uuid.uuid4().hex,
        owner=user,
        filename=filename,
        title=(title or "").strip() or filename,
        content_type=ctype,
        size=blob.size,
        sha256=blob.sha256,
        blob=blob.name,
        created_at=datetime.now(UTC),
    )
    session.add(doc)
    try:
        session.commit()
    except Exception:
        blob.path.unlink(missing_ok=True)
        raise
    response.headers["Location"] = f"/documents/{doc.id}"
    return doc


@app.get("/documents", response_model=DocumentList)
def list_documents(user: UserDep, session: SessionDep) -> DocumentList:
    docs = session.scalars(
        select(Document).where(Document.owner == user).order_by(Document.created_at)
    ).all()
    return DocumentList(items=[DocumentOut.model_validate(d) for d in docs])


@app.get("/documents/{document_id}", response_model=DocumentOut)
def get_document(document_id: str, user: UserDep, session: SessionDep) -> Document:
    return _own(session, user, document_id)


@app.get("/documents/{document_id}/content")
def download(document_id: str, user: UserDep, session: SessionDep) -> FileResponse:
    doc = _own(session, user, document_id)
    path = blob_path(doc.blob)
    if not path.is_file():
        raise HTTPException(status_code=404, detail="Document not found")
    return FileResponse(
        path,
        media_type=doc.content_type,
        headers={
            "Content-Disposition": content_disposition(doc.filename),
            "X-Content-Type-Options": "nosniff",
        },
    )


@app.delete("/documents/{document_id}", status_code=204)
def delete_document(document_id: str, user: UserDep, session: SessionDep) -> Response:
    doc = _own(session, user, document_id)
    blob = doc.blob
    session.delete(doc)
    session.commit()
    blob_path(blob).unlink(missing_ok=True)
    return Response(status_code=204)
