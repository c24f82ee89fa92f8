"""Tunables from the environment."""

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    upstream_url: str
    timeout: float
    retries: int
    backoff: float
    failure_threshold: int
    cooldown: float


def load_settings() -> Settings:
    env = os.environ.get
    return Settings(
        upstream_url=env("UPSTREAM_URL", "http://localhost:9300").rstrip("/"),
        timeout=float(env("UPSTREAM_TIMEOUT_SECONDS", "0.3")),
        retries=int(env("UPSTREAM_RETRIES", "2")),
        backoff=float(env("UPSTREAM_BACKOFF_SECONDS", "0.05")),
        failure_threshold=int(env("BREAKER_FAILURE_THRESHOLD", "3")),
        cooldown=float(env("BREAKER_COOLDOWN_SECONDS", "1.0")),
    )
