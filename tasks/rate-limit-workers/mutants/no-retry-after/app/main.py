"""A small API whose /api routes are rate limited per client (X-API-Key), shared by all workers."""

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Body, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from redis.asyncio import Redis
from redis.exceptions import RedisError

from app.limiter import RateLimiter

API_KEY_HEADER = "X-API-Key"
MAX_KEY_LENGTH = 64


def _int_env(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    redis = Redis.from_url(
        os.environ.get("REDIS_URL", "redis://localhost:6379/0"),
        socket_timeout=5,
        socket_connect_timeout=5,
    )
    app.state.redis = redis
    app.state.limiter = RateLimiter(
        redis, _int_env("RATE_LIMIT", 5), float(_int_env("RATE_WINDOW_SECONDS", 2))
    )
    try:
        yield
    finally:
        await redis.aclose()


app = FastAPI(title="Rate-limited API", version="1.0.0", lifespan=lifespan)


def _error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


@app.middleware("http")
async def rate_limit(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    if not request.url.path.startswith("/api/"):
        return await call_next(request)
    client_id = request.headers.get(API_KEY_HEADER, "").strip()
    if not client_id or len(client_id) > MAX_KEY_LENGTH:
        return _error(401, f"missing or invalid {API_KEY_HEADER} header")
    limiter: RateLimiter = request.app.state.limiter
    try:
        decision = await limiter.hit(client_id)
    except RedisError:
        return _error(503, "rate limiter unavailable")
    headers = {
        "X-RateLimit-Limit": str(decision.limit),
        "X-RateLimit-Remaining": str(decision.remaining),
        "X-RateLimit-Reset": str(decision.reset_seconds),
    }
    if not decision.allowed:
        return _error(429, "rate limit exceeded", headers)
    response = await call_next(request)
    response.headers.update(headers)
    return response


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    try:
        await request.app.state.redis.ping()
    except RedisError:
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ready"})


@app.get("/api/ping")
async def ping(request: Request) -> dict[str, Any]:
    return {"ok": True, "client": request.headers[API_KEY_HEADER].strip()}


@app.post("/api/echo")
async def echo(payload: Annotated[dict[str, Any], Body()], request: Request) -> dict[str, Any]:
    return {"client": request.headers[API_KEY_HEADER].strip(), "echo": payload}
