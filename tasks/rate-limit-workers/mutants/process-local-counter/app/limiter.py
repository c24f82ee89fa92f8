"""Fixed-window rate limiter, one window per client, anchored at its first request."""

import asyncio
import math
import time
from dataclasses import dataclass

from redis.asyncio import Redis


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int


class RateLimiter:
    def __init__(self, redis: Redis, limit: int, window_seconds: float) -> None:
        self.redis = redis
        self.limit = limit
        self.window = window_seconds
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = asyncio.Lock()

    async def hit(self, client_id: str) -> Decision:
        async with self._lock:
            now = time.monotonic()
            start, count = self._windows.get(client_id, (now, 0))
            if now - start >= self.window:
                start, count = now, 0
            count += 1
            self._windows[client_id] = (start, count)
        left = self.window - (now - start)
        return Decision(
            allowed=count <= self.limit,
            limit=self.limit,
            remaining=max(0, self.limit - count),
            reset_seconds=max(1, math.ceil(left)),
        )
