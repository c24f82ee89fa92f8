"""Fixed-window rate limiter in Redis, one window per client, anchored at its first request."""

import hashlib
import math
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
        self.window_ms = max(1, int(window_seconds * 1000))

    @staticmethod
    def key_for(client_id: str) -> str:
        digest = hashlib.sha256(client_id.encode()).hexdigest()
        return f"ratelimit:{digest}"

    async def hit(self, client_id: str) -> Decision:
        key = self.key_for(client_id)
        raw = await self.redis.get(key)
        count = int(raw) if raw is not None else 0
        ttl_ms = await self.redis.pttl(key) if raw is not None else self.window_ms
        if ttl_ms < 0:
            ttl_ms = self.window_ms
        reset = max(1, math.ceil(ttl_ms / 1000))
        if count >= self.limit:
            return Decision(False, self.limit, 0, reset)
        count += 1
        await self.redis.set(key, count, px=ttl_ms)
        return Decision(True, self.limit, max(0, self.limit - count), reset)
