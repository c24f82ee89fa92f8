"""ETag, Cache-Control and If-None-Match handling for cacheable JSON representations."""

import hashlib

from fastapi import Response

PRIVATE = "private, no-store"


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def not_modified(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison over `*` or a list of entity tags (RFC 9110 section 13.1.2)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return etag in tags


def public_json(body: bytes, if_none_match: str | None, ttl: int) -> Response:
    headers = {"ETag": etag_for(body), "Cache-Control": f"public, max-age={ttl}"}
    if not_modified(if_none_match, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
