"""Fixed-window rate limiter in Redis, one window per client, anchored at its first request.

The counter is incremented and its expiry set by one Lua script, so the check is atomic across
every worker process: a burst can never let more than `limit` requests through one window.
"""

import hashlib
import math
from dataclasses import dataclass

from redis.asyncio import Redis

# KEYS[1] = counter key, ARGV[1] = window in milliseconds. Returns {count, pttl}.
_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
"""


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
        self._script = redis.register_script(_SCRIPT)

    @staticmethod
    def key_for(client_id: str) -> str:
        digest = hashlib.sha256(client_id.encode()).hexdigest()
        return f"ratelimit:{digest}"

    async def hit(self, client_id: str) -> Decision:
        count, ttl_ms = await self._script(keys=[self.key_for(client_id)], args=[self.window_ms])
        count, ttl_ms = int(count), int(ttl_ms)
        return Decision(
            allowed=count <= self.limit,
            limit=self.limit,
            remaining=max(0, self.limit - count),
            reset_seconds=max(1, math.ceil(ttl_ms / 1000)),
        )
