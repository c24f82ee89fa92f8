"""Settings read from the environment."""

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    secret: str
    access_ttl_seconds: int
    admin_email: str
    admin_password: str


@lru_cache
def get_settings() -> Settings:
    secret = os.environ.get("APP_SECRET", "")
    if not secret:
        raise RuntimeError("APP_SECRET is not set; refusing to sign tokens with an empty key")
    return Settings(
        secret=secret,
        access_ttl_seconds=int(os.environ.get("ACCESS_TTL_SECONDS", "900")),
        admin_email=os.environ.get("ADMIN_EMAIL", "").strip().lower(),
        admin_password=os.environ.get("ADMIN_PASSWORD", ""),
    )
