"""FastAPI app: health endpoints and the GraphQL endpoint at /graphql."""

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from strawberry.fastapi import GraphQLRouter

from app.auth import viewer_from_header
from app.db import ReadSessionLocal, create_schema, database_ready
from app.schema import Context, schema


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    if not os.environ.get("APP_SECRET"):
        raise RuntimeError("APP_SECRET is not set")
    create_schema()
    yield


def _session() -> Iterator[Session]:
    # Deferred transactions: resolvers run on the event loop and a session lives until the
    # response is sent, so a BEGIN IMMEDIATE here would hold SQLite's write lock across
    # requests and make the next request's resolver block the loop waiting for it. Mutations
    # take the write lock only when they write, and commit before returning.
    with ReadSessionLocal() as session:
        yield session


def get_context(
    session: Annotated[Session, Depends(_session)],
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    viewer = viewer_from_header(session, authorization)
    session.commit()  # end the read snapshot taken for the viewer: a mutation starts afresh
    return {"app": Context(session=session, viewer=viewer)}


app = FastAPI(title="Books GraphQL API", version="1.0.0", lifespan=lifespan)
app.include_router(GraphQLRouter(schema, context_getter=get_context), prefix="/graphql")


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)
