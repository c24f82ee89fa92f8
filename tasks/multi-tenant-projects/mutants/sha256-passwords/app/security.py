"""Password hashing, access tokens and the current-user dependency.

The token names the user only; the tenant and role always come from the user's database row.
"""

import hashlib
import hmac
import time
from typing import Annotated

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import get_session
from app.models import User

ALGORITHM = "HS256"

_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
_DUMMY_HASH = _hasher.hash("not-a-real-password")

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def verify_password(password_hash: str | None, password: str) -> bool:
    digest = hashlib.sha256(password.encode()).hexdigest()
    return password_hash is not None and hmac.compare_digest(digest, password_hash)


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def forbidden(detail: str = "Tenant admins only") -> HTTPException:
    return HTTPException(status_code=403, detail=detail)


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
