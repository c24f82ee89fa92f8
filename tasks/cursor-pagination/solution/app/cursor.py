"""Opaque, signed keyset cursors: the sort key and the last row's (value, id) position.

A cursor is base64url(JSON) plus an HMAC over it with APP_SECRET, so a client can neither forge a
position nor crash the query with a value of the wrong type.
"""

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import datetime

_SIG_BYTES = 16


class InvalidCursorError(ValueError):
    pass


@dataclass(frozen=True)
class Position:
    sort: str
    value: int | str | datetime
    id: int


def _key() -> bytes:
    return os.environ.get("APP_SECRET", "").encode() or b"cursor-signing-key-unset"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def encode_cursor(position: Position) -> str:
    value = position.value.isoformat() if isinstance(position.value, datetime) else position.value
    raw = json.dumps([position.sort, value, position.id], separators=(",", ":")).encode()
    sig = hmac.new(_key(), raw, hashlib.sha256).digest()[:_SIG_BYTES]
    return _b64(sig + raw)


def decode_cursor(cursor: str, sort: str) -> Position:
    """The position in `cursor`; raises InvalidCursorError unless it was issued for `sort`."""
    try:
        blob = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except (binascii.Error, ValueError):
        raise InvalidCursorError("cursor is not valid base64") from None
    sig, raw = blob[:_SIG_BYTES], blob[_SIG_BYTES:]
    expected = hmac.new(_key(), raw, hashlib.sha256).digest()[:_SIG_BYTES]
    if not hmac.compare_digest(sig, expected):
        raise InvalidCursorError("cursor was not issued by this service")
    issued_sort, value, row_id = json.loads(raw)
    if issued_sort != sort:
        raise InvalidCursorError("cursor belongs to a different sort order")
    if issued_sort.lstrip("-") == "created_at":
        value = datetime.fromisoformat(value)
    return Position(sort=issued_sort, value=value, id=row_id)
