"""Settings read from the environment."""

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    secret: str
    access_ttl_seconds: int


@lru_cache
def get_settings() -> Settings:
    secret = os.environ.get("APP_SECRET", "")
    if not secret:
        raise RuntimeError("APP_SECRET is not set; refusing to sign tokens with an empty key")
    return Settings(
        secret=secret,
        access_ttl_seconds=int(os.environ.get("ACCESS_TTL_SECONDS", "900")),
    )
