"""Chat rooms over WebSocket, shared by all worker processes through Redis."""

import json
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, WebSocket
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.websockets import WebSocketDisconnect

from app import auth
from app.hub import Hub

ROOM_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
MAX_TEXT = 1000
CLOSE_UNAUTHORIZED = 4401


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    redis = Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
    hub = Hub(redis)
    await hub.start()
    app.state.redis, app.state.hub = redis, hub
    try:
        yield
    finally:
        await hub.stop()
        await redis.aclose()


app = FastAPI(title="Chat rooms", version="1.0.0", lifespan=lifespan)
bearer = HTTPBearer(auto_error=False)


class LoginIn(BaseModel):
    username: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")


class TokenOut(BaseModel):
    token: str


def current_user(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    user = auth.verify(credentials.credentials if credentials else None)
    if user is None:
        raise HTTPException(401, "invalid or missing token", headers={"WWW-Authenticate": "Bearer"})
    return user


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    try:
        await request.app.state.redis.ping()
    except RedisError:
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ready"})


@app.post("/auth/login", response_model=TokenOut)
async def login(data: LoginIn) -> TokenOut:
    return TokenOut(token=auth.issue(data.username))


@app.get("/rooms/{room}/messages")
async def room_history(
    request: Request,
    room: Annotated[str, Path(pattern=ROOM_PATTERN)],
    _user: Annotated[str, Depends(current_user)],
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> dict[str, Any]:
    hub: Hub = request.app.state.hub
    return {"room": room, "messages": await hub.history(room, limit)}


def parse_text(raw: str) -> str | None:
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        return None
    return text


@app.websocket("/ws/rooms/{room}")
async def room_socket(websocket: WebSocket, room: str, token: str | None = None) -> None:
    user = auth.verify(token)
    if user is None or not re.fullmatch(ROOM_PATTERN, room):
        await websocket.close(code=CLOSE_UNAUTHORIZED)
        return
    hub: Hub = websocket.app.state.hub
    await websocket.accept()
    hub.join(room, websocket)
    try:
        await websocket.send_json({"type": "joined", "room": room, "user": user})
        while True:
            text = parse_text(await websocket.receive_text())
            if text is None:
                await websocket.send_json(
                    {"type": "error", "detail": f'send {{"text": "..."}} with 1-{MAX_TEXT} chars'}
                )
                continue
            await hub.post(room, user, text)
    except WebSocketDisconnect:
        pass
    finally:
        hub.leave(room, websocket)
