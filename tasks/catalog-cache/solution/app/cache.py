"""Shared response cache in Redis, with generation-based invalidation.

Every cache key embeds the current catalog *generation*, a Redis counter that each product write
increments after its commit. A reader fetches the generation before it reads the database, so a
value computed from data that a concurrent write has since changed is stored under an old
generation and never served again: invalidation is one INCR, correct across all workers, and
immune to the read/write race of delete-based invalidation. Old entries simply expire (TTL).
"""

import hashlib
import json
import logging
import os

from redis import Redis
from redis.exceptions import RedisError

log = logging.getLogger("app.cache")
GENERATION_KEY = "catalog:cache:generation"


def _ttl() -> int:
    try:
        return max(1, int(os.environ.get("CACHE_TTL_SECONDS", "60")))
    except ValueError:
        return 60


class ResponseCache:
    def __init__(self, url: str, ttl: int) -> None:
        self.redis = Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.ttl = ttl

    def key(self, generation: int, kind: str, *params: object) -> str:
        """A key over every input of the representation (kind and all query parameters)."""
        digest = hashlib.sha256(json.dumps([kind, *params]).encode()).hexdigest()
        return f"catalog:cache:{generation}:{kind}:{digest}"

    def generation(self) -> int | None:
        """The current generation, or None when Redis is unavailable (then bypass the cache)."""
        try:
            raw = self.redis.get(GENERATION_KEY)
        except RedisError:
            log.warning("cache unavailable; serving uncached")
            return None
        return int(raw) if raw is not None else 0

    def get(self, key: str) -> bytes | None:
        try:
            value = self.redis.get(key)
        except RedisError:
            return None
        return value if isinstance(value, bytes) else None

    def set(self, key: str, body: bytes) -> None:
        try:
            self.redis.set(key, body, ex=self.ttl)
        except RedisError:
            log.warning("could not store %s", key)

    def invalidate(self) -> None:
        """Make every cached catalog representation unreachable (call after committing)."""
        self.redis.incr(GENERATION_KEY)

    def ping(self) -> bool:
        try:
            return bool(self.redis.ping())
        except RedisError:
            return False


cache = ResponseCache(os.environ.get("REDIS_URL", "redis://localhost:6379/0"), _ttl())
