"""Customer accounts service: application setup."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from app.db import database_ready
from app.migrations import upgrade_schema
from app.routers import v1, v2
from fastapi import Depends, FastAPI, Response
from fastapi.responses import JSONResponse

# RFC 9745 (Deprecation, a structured-field date) and RFC 8594 (Sunset, an HTTP date).
V1_DEPRECATION = "@1767225600"  # 2026-01-01T00:00:00Z
V1_SUNSET = "Fri, 01 Jan 2027 00:00:00 GMT"
V1_LINK = '</v2/customers>; rel="successor-version"'


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    upgrade_schema()
    yield


app = FastAPI(title="Customer accounts", version="2.0.0", lifespan=lifespan)


def deprecate_v1(response: Response) -> None:
    """Dependency of the v1 router: marks its responses as deprecated."""
    response.headers["Deprecation"] = V1_DEPRECATION
    response.headers["Sunset"] = V1_SUNSET
    response.headers["Link"] = V1_LINK


app.include_router(v1.router, dependencies=[Depends(deprecate_v1)])
app.include_router(v2.router)


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)
