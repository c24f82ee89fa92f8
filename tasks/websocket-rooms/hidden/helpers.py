"""Shared helpers for the websocket-rooms hidden tests (imported, never collected)."""

import asyncio
import json
import os
import ssl
import uuid

import httpx
from websockets.asyncio.client import ClientConnection, connect

BASE_URL = os.environ.get("BASE_URL", "http://app:8000").rstrip("/")
WS_URL = "ws" + BASE_URL.removeprefix("http")
# Building an SSL context per httpx.Client costs ~0.1 s of CPU; share one (plain HTTP anyway).
SSL_CONTEXT = ssl.create_default_context()
QUIET = 0.8  # seconds of silence that count as "nothing more arrives"


def new_room() -> str:
    return f"room-{uuid.uuid4().hex[:12]}"


def new_user() -> str:
    return f"u_{uuid.uuid4().hex[:10]}"


def login(username: str) -> str:
    with httpx.Client(base_url=BASE_URL, timeout=30, verify=SSL_CONTEXT) as c:
        r = c.post("/auth/login", json={"username": username})
        assert r.status_code == 200, (r.status_code, r.text)
        return r.json()["token"]


def history(room: str, token: str, **params: object) -> httpx.Response:
    """GET the room's history on a new connection (so successive calls spread over workers)."""
    with httpx.Client(base_url=BASE_URL, timeout=30, verify=SSL_CONTEXT) as c:
        return c.get(
            f"/rooms/{room}/messages",
            params=params,
            headers={"Authorization": f"Bearer {token}"},
        )


async def join(room: str, token: str) -> ClientConnection:
    """Connect and wait for the `joined` frame."""
    ws = await connect(f"{WS_URL}/ws/rooms/{room}?token={token}", open_timeout=30)
    frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=30))
    assert frame.get("type") == "joined", frame
    return ws


async def say(ws: ClientConnection, text: str) -> None:
    await ws.send(json.dumps({"text": text}))


async def collect(ws: ClientConnection, count: int, timeout: float = 10.0) -> list[dict]:
    """Chat messages received until `count` arrived (or timeout), then QUIET more seconds."""
    got: list[dict] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        remaining = deadline - loop.time() if len(got) < count else QUIET
        if remaining <= 0:
            return got
        try:
            raw = await asyncio.wait_for(ws.recv(), timeout=remaining)
        except TimeoutError:
            return got
        frame = json.loads(raw)
        if frame.get("type") == "message":
            got.append(frame)
            if len(got) >= count:
                deadline = loop.time() + QUIET


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)
