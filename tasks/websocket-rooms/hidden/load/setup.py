"""Load-probe setup: a token and a few rooms with history (posted over the socket); the mix
reads room histories and logs users in (the WebSocket itself is not load-tested)."""

import asyncio
import json
import uuid

import httpx
from websockets.asyncio.client import connect


async def _fill(ws_url: str, room: str, token: str) -> None:
    async with connect(f"{ws_url}/ws/rooms/{room}?token={token}", open_timeout=30) as ws:
        await asyncio.wait_for(ws.recv(), timeout=30)  # joined
        for i in range(10):
            await ws.send(json.dumps({"text": f"load message {i}"}))
        for _ in range(10):
            await asyncio.wait_for(ws.recv(), timeout=30)


def setup(base_url: str) -> dict[str, object]:
    tag = uuid.uuid4().hex[:8]
    rooms = [f"load-{tag}-{i}" for i in range(5)]
    with httpx.Client(base_url=base_url, timeout=30) as c:
        r = c.post("/auth/login", json={"username": f"load_{tag}"})
        token = r.raise_for_status().json()["token"]
    ws_url = "ws" + base_url.rstrip("/").removeprefix("http")
    for room in rooms:
        asyncio.run(_fill(ws_url, room, token))
    return {"token": token, "room": rooms, "tag": tag}
