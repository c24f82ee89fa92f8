"""Customer accounts service: application setup."""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from app.db import database_ready
from app.migrations import upgrade_schema
from app.routers import v1, v2

# RFC 9745 (Deprecation, a structured-field date) and RFC 8594 (Sunset, an HTTP date).
V1_DEPRECATION = "@1767225600"  # 2026-01-01T00:00:00Z
V1_SUNSET = "Fri, 01 Jan 2027 00:00:00 GMT"
V1_LINK = '</v2/customers>; rel="successor-version"'


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    upgrade_schema()
    yield


app = FastAPI(title="Customer accounts", version="2.0.0", lifespan=lifespan)
app.include_router(v1.router)
app.include_router(v2.router)


@app.middleware("http")
async def deprecate_v1(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Every /v1 response, errors included, announces the deprecation and the successor."""
    response = await call_next(request)
    path = request.url.path
    if path == "/v1" or path.startswith("/v1/"):
        response.headers["Deprecation"] = V1_DEPRECATION
        response.headers["Sunset"] = V1_SUNSET
        response.headers["Link"] = V1_LINK
    return response


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)
