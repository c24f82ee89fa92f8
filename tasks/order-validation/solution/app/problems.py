"""RFC 9457 problem details and JSON pointers (RFC 6901)."""

from typing import Any

from fastapi.responses import JSONResponse
from pydantic import ValidationError

PROBLEM_TYPE = "application/problem+json"
TITLES = {
    400: "Malformed request body",
    404: "Not found",
    405: "Method not allowed",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Validation failed",
}


class ProblemError(Exception):
    def __init__(self, status: int, detail: str, errors: list[dict[str, str]] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors


def problem_response(
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)


def pointer(loc: tuple[Any, ...]) -> str:
    """('items', 3, 'quantity') -> '/items/3/quantity' with ~ and / escaped."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in loc]
    return "".join("/" + p for p in parts)


def _clean_loc(err: dict[str, Any]) -> tuple[Any, ...]:
    loc = tuple(err["loc"])
    # Pydantic appends the validator name for function/union wrappers; keep body positions only.
    cleaned = []
    for part in loc:
        if isinstance(part, str) and (part.startswith("function-") or "[" in part):
            continue
        cleaned.append(part)
    return tuple(cleaned)


def validation_errors(exc: ValidationError) -> list[dict[str, str]]:
    out = []
    for err in exc.errors(include_url=False):
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        out.append({"pointer": pointer(_clean_loc(err)), "message": msg})
    return out
