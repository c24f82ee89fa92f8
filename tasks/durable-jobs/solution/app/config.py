"""Settings read from the environment."""

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    max_attempts: int
    backoff_seconds: float
    poll_seconds: float = 0.1


@lru_cache
def get_settings() -> Settings:
    return Settings(
        max_attempts=max(1, int(os.environ.get("JOB_MAX_ATTEMPTS", "3"))),
        backoff_seconds=float(os.environ.get("JOB_BACKOFF_SECONDS", "1.0")),
    )
