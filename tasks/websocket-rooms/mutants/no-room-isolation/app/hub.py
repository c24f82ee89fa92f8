"""Room fan-out across worker processes through Redis pub/sub, and history in Redis lists.

Each worker holds the sockets connected to it (room -> set of sockets) and one pattern
subscription to every room channel. A message is appended to the room's history and published;
each worker's listener delivers it to its own members of that room, so every member gets it once,
whichever worker it is connected to.
"""

import asyncio
import contextlib
import json
import logging
import time
from collections import defaultdict
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis

log = logging.getLogger("app.hub")
CHANNEL_PREFIX = "chat:room:"
HISTORY_LIMIT = 1000
SEND_TIMEOUT = 5.0


def history_key(room: str) -> str:
    return f"chat:history:{room}"


def sequence_key(room: str) -> str:
    return f"chat:seq:{room}"


class Hub:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.rooms: dict[str, set[WebSocket]] = defaultdict(set)
        self._listener: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen())
        await asyncio.wait_for(self._ready.wait(), timeout=10)

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def _listen(self) -> None:
        pubsub = self.redis.pubsub()
        await pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
        # Wait for the subscription to be confirmed before declaring the hub ready.
        while True:
            confirmation = await pubsub.get_message(timeout=1.0)
            if confirmation and confirmation["type"] == "psubscribe":
                break
        self._ready.set()
        try:
            async for item in pubsub.listen():
                if item["type"] != "pmessage":
                    continue
                channel = item["channel"].decode()
                await self._deliver(channel.removeprefix(CHANNEL_PREFIX), item["data"].decode())
        finally:
            await pubsub.aclose()

    async def _deliver(self, room: str, payload: str) -> None:
        members = [ws for sockets in list(self.rooms.values()) for ws in sockets]
        if not members:
            return
        results = await asyncio.gather(
            *(asyncio.wait_for(ws.send_text(payload), SEND_TIMEOUT) for ws in members),
            return_exceptions=True,
        )
        for ws, result in zip(members, results, strict=True):
            if isinstance(result, BaseException):
                log.info("dropping a member of %s: %r", room, result)
                self.leave(room, ws)

    def join(self, room: str, ws: WebSocket) -> None:
        self.rooms[room].add(ws)

    def leave(self, room: str, ws: WebSocket) -> None:
        members = self.rooms.get(room)
        if members is not None:
            members.discard(ws)
            if not members:
                self.rooms.pop(room, None)

    async def post(self, room: str, user: str, text: str) -> dict[str, Any]:
        """Persist, then publish: history already holds a message when members receive it."""
        seq = await self.redis.incr(sequence_key(room))
        message = {
            "type": "message",
            "id": f"{room}:{seq}",
            "room": room,
            "user": user,
            "text": text,
            "ts": time.time(),
        }
        payload = json.dumps(message)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.rpush(history_key(room), payload)
            pipe.ltrim(history_key(room), -HISTORY_LIMIT, -1)
            pipe.publish(f"{CHANNEL_PREFIX}{room}", payload)
            await pipe.execute()
        return message

    async def history(self, room: str, limit: int) -> list[dict[str, Any]]:
        raw = await self.redis.lrange(history_key(room), -limit, -1)
        return [json.loads(item) for item in raw]
