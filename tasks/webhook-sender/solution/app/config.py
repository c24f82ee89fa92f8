"""Settings read from the environment."""

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    max_attempts: int
    retry_base_seconds: float
    timeout_seconds: float
    poll_seconds: float = 0.1
    runners_per_process: int = 2


@lru_cache
def get_settings() -> Settings:
    return Settings(
        max_attempts=max(1, int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "5"))),
        retry_base_seconds=float(os.environ.get("WEBHOOK_RETRY_BASE_SECONDS", "1.0")),
        timeout_seconds=float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "5")),
    )
