"""Passwords and JWTs for people; scoped API keys for machines."""

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from typing import Annotated

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, HTTPException, Security
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import get_session
from app.models import ApiKey, User
from app.schemas import Scope

ALGORITHM = "HS256"
KEY_PREFIX_LEN = 12

_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
_DUMMY_HASH = _hasher.hash("not-a-real-password")

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        matches = _hasher.verify(password_hash or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and password_hash is not None


def unauthorized(detail: str, scheme: str = "Bearer") -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": scheme})


def create_access_token(user_id: str) -> str:
    settings = get_settings()
    now = int(time.time())
    claims = {"sub": user_id, "iat": now, "exp": now + settings.access_ttl_seconds}
    return jwt.encode(claims, settings.secret, algorithm=ALGORITHM)


def current_user(
    token: Annotated[str, Depends(oauth2_scheme)],
    session: Annotated[Session, Depends(get_session)],
) -> User:
    try:
        claims = jwt.decode(
            token,
            get_settings().secret,
            algorithms=[ALGORITHM],
            options={"require": ["sub", "exp"]},
        )
    except jwt.InvalidTokenError:
        raise unauthorized("Invalid or expired token") from None
    user = session.get(User, str(claims["sub"]))
    if user is None:
        raise unauthorized("Invalid token")
    return user


CurrentUser = Annotated[User, Depends(current_user)]


# -- API keys -------------------------------------------------------------------------------


def key_digest(key: str) -> str:
    # A key carries 256 random bits, so a fast digest is enough (no dictionary to attack).
    return hashlib.sha256(key.encode()).hexdigest()


def new_api_key() -> str:
    return "ak_" + secrets.token_urlsafe(32)


def authenticate_key(session: Session, presented: str | None) -> ApiKey:
    """The live key matching `presented` (prefix lookup, constant-time digest compare)."""
    if not presented or len(presented) <= KEY_PREFIX_LEN:
        raise unauthorized("Missing or invalid API key", "ApiKey")
    digest = key_digest(presented)
    candidates = session.scalars(
        select(ApiKey).where(ApiKey.prefix == presented[:KEY_PREFIX_LEN], ApiKey.revoked.is_(False))
    )
    for key in candidates:
        if hmac.compare_digest(key.key_hash, digest):
            return key
    raise unauthorized("Missing or invalid API key", "ApiKey")


def require_scope(scope: Scope) -> Callable[..., ApiKey]:
    def dependency(
        presented: Annotated[str | None, Security(api_key_header)],
        session: Annotated[Session, Depends(get_session)],
    ) -> ApiKey:
        key = authenticate_key(session, presented)
        if scope not in key.scopes:
            raise HTTPException(status_code=403, detail=f"This API key lacks the {scope} scope")
        return key

    return dependency
