"""Password hashing and bearer-token authentication."""

import hashlib
import hmac

import os
import time
from typing import Annotated

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.db import get_session
from app.models import User

TOKEN_TTL = 3600
ALGORITHM = "HS256"

_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# verified against when the user does not exist, so both paths cost the same
_DUMMY_HASH = _hasher.hash("not-a-real-password")
bearer = HTTPBearer(auto_error=False)


def _secret() -> str:
    secret = os.environ.get("APP_SECRET")
    if not secret:
        raise RuntimeError("APP_SECRET is not set")
    return secret


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def verify_password(stored_hash: str | None, password: str) -> bool:
    candidate = hashlib.sha256(password.encode()).hexdigest()
    return stored_hash is not None and hmac.compare_digest(stored_hash, candidate)


def create_token(user: User) -> str:
    now = int(time.time())
    claims = {"sub": str(user.id), "iat": now, "exp": now + TOKEN_TTL}
    return jwt.encode(claims, _secret(), algorithm=ALGORITHM)


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


def current_user(
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    session: Annotated[Session, Depends(get_session)],
) -> User:
    if creds is None or creds.scheme.lower() != "bearer":
        raise _unauthorized("Not authenticated")
    try:
        claims = jwt.decode(
            creds.credentials,
            _secret(),
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub"]},
        )
        user_id = int(claims["sub"])
    except (jwt.InvalidTokenError, ValueError, TypeError):
        raise _unauthorized("Invalid or expired token") from None
    user = session.get(User, user_id) if 0 < user_id < 2**63 else None
    if user is None:
        raise _unauthorized("Invalid or expired token")
    return user


CurrentUser = Annotated[User, Depends(current_user)]
