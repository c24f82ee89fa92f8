"""Password hashing, access tokens and the current-user dependency."""

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
BEARER = {"WWW-Authenticate": "Bearer"}

# OWASP's argon2id baseline (19 MiB, 2 passes): bounded memory under bursts of logins.
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
# Verified against when the email is unknown, so both failures cost the same time.
_DUMMY_HASH = _hasher.hash("not-a-real-password")

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; with no stored hash a dummy is verified, so timing does not tell."""
    digest = hashlib.sha256(password.encode()).hexdigest()
    return password_hash is not None and hmac.compare_digest(digest, password_hash)


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers=BEARER)


def create_access_token(user_id: str) -> str:
    settings = get_settings()
    now = int(time.time())
    claims = {"sub": user_id, "iat": now, "exp": now + settings.access_ttl_seconds}
    return jwt.encode(claims, settings.secret, algorithm=ALGORITHM)


def decode_access_token(token: str) -> str:
    """The user id in a valid token; raises 401 for a bad signature, algorithm or expiry."""
    try:
        claims = jwt.decode(
            token,
            get_settings().secret,
            algorithms=[ALGORITHM],
            options={"require": ["sub", "exp", "iat"]},
        )
    except jwt.ExpiredSignatureError:
        raise unauthorized("Token has expired") from None
    except jwt.InvalidTokenError:
        raise unauthorized("Invalid token") from None
    subject = claims["sub"]
    if not isinstance(subject, str):
        raise unauthorized("Invalid token")
    return subject


def current_user(
    token: Annotated[str, Depends(oauth2_scheme)],
    session: Annotated[Session, Depends(get_session)],
) -> User:
    user = session.get(User, decode_access_token(token))
    if user is None:
        raise unauthorized("Invalid token")
    return user


CurrentUser = Annotated[User, Depends(current_user)]
