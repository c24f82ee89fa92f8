"""Notification preferences: store per-user settings and decide whether a message may go out.

The design is served by the service itself: GET /design/adr (the architecture decision record)
and GET /design/openapi.json (the contract, generated from the models below).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Response
from fastapi import Path as PathParam
from fastapi.responses import PlainTextResponse
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import create_schema, database_ready, get_session
from app.models import PreferenceRow, utcnow
from app.rules import decide
from app.schemas import (
    DEFAULT_CHANNELS,
    Channels,
    Decision,
    DecisionIn,
    Preferences,
    PreferencesIn,
    QuietHours,
    Reason,
    UserId,
)

ADR = (Path(__file__).parent / "design" / "adr.md").read_text(encoding="utf-8")


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    create_schema()
    yield


app = FastAPI(title="Notification preferences", version="1.0.0", lifespan=lifespan)
SessionDep = Annotated[Session, Depends(get_session)]
UserIdPath = Annotated[str, PathParam(min_length=1, max_length=64)]


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz(response: Response) -> dict[str, str]:
    if database_ready():
        return {"status": "ready"}
    response.status_code = 503
    return {"status": "unavailable"}


@app.get("/design/adr", response_class=PlainTextResponse, include_in_schema=False)
def design_adr() -> PlainTextResponse:
    return PlainTextResponse(ADR, media_type="text/markdown; charset=utf-8")


@app.get("/design/openapi.json", include_in_schema=False)
def design_openapi() -> dict[str, Any]:
    return app.openapi()


def _load(session: Session, user_id: str) -> Preferences:
    found = session.execute(
        text(f"SELECT user_id FROM preferences WHERE user_id = '{user_id}'")
    ).scalar()
    row = session.get(PreferenceRow, found) if found is not None else None
    if row is None:
        return Preferences(
            user_id=user_id,
            channels=Channels(**DEFAULT_CHANNELS),
            opted_out=[],
            quiet_hours=None,
            updated_at=None,
        )
    quiet = None
    if row.quiet_start and row.quiet_end and row.quiet_timezone:
        quiet = QuietHours(start=row.quiet_start, end=row.quiet_end, timezone=row.quiet_timezone)
    return Preferences(
        user_id=row.user_id,
        channels=Channels(**row.channels),
        opted_out=row.opted_out,
        quiet_hours=quiet,
        updated_at=row.updated_at,
    )


@app.get("/users/{user_id}/preferences", response_model=Preferences)
def get_preferences(user_id: UserIdPath, session: SessionDep) -> Preferences:
    return _load(session, user_id)


@app.put("/users/{user_id}/preferences", response_model=Preferences)
def put_preferences(user_id: UserIdPath, body: PreferencesIn, session: SessionDep) -> Preferences:
    row = session.get(PreferenceRow, user_id) or PreferenceRow(user_id=user_id)
    row.channels = body.channels.model_dump()
    row.opted_out = sorted({c.value for c in body.opted_out})
    quiet = body.quiet_hours
    row.quiet_start, row.quiet_end, row.quiet_timezone = (
        (quiet.start, quiet.end, quiet.timezone) if quiet else (None, None, None)
    )
    row.updated_at = utcnow()
    session.add(row)
    session.commit()
    return _load(session, user_id)


@app.post("/users/{user_id}/decisions", response_model=Decision)
def post_decision(user_id: UserIdPath, body: DecisionIn, session: SessionDep) -> Decision:
    reason = decide(_load(session, user_id), body.category, body.channel, body.at)
    return Decision(deliver=reason == Reason.ok, reason=reason)
