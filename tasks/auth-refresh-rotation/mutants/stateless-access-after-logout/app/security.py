"""Password hashing, access tokens, refresh-token families and the current-user dependency."""

import hashlib
import secrets
import time
from typing import Annotated

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import get_session
from app.models import LoginSession, RefreshToken, User

ALGORITHM = "HS256"
BEARER = {"WWW-Authenticate": "Bearer"}

# OWASP's argon2id baseline (19 MiB, 2 passes): bounded memory under bursts of logins.
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
# Verified against when the email is unknown, so both failures cost the same time.
_DUMMY_HASH = _hasher.hash("not-a-real-password")

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; with no stored hash a dummy is verified, so timing does not tell."""
    try:
        matches = _hasher.verify(password_hash or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and password_hash is not None


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers=BEARER)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_access_token(user_id: str, session_id: str) -> str:
    settings = get_settings()
    now = int(time.time())
    claims = {
        "sub": user_id,
        "sid": session_id,
        "iat": now,
        "exp": now + settings.access_ttl_seconds,
    }
    return jwt.encode(claims, settings.secret, algorithm=ALGORITHM)


def issue_refresh_token(session: Session, session_id: str) -> str:
    """A new random refresh token in the family; only its digest is stored."""
    token = secrets.token_urlsafe(32)
    expires_at = time.time() + get_settings().refresh_ttl_seconds
    session.add(
        RefreshToken(token_hash=digest(token), session_id=session_id, expires_at=expires_at)
    )
    return token


def revoke_family(session: Session, session_id: str) -> None:
    session.execute(
        update(LoginSession)
        .where(LoginSession.id == session_id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=time.time())
    )


def rotate_refresh_token(session: Session, presented: str) -> tuple[str, str, str] | None:
    """Spend a refresh token: (user id, session id, new refresh token), or None if refused.

    A token that was already spent is a replay: the whole family is revoked. The caller must
    commit in both cases. The transaction is BEGIN IMMEDIATE, so two requests presenting the same
    token are serialised and only one of them can spend it.
    """
    row = session.get(RefreshToken, digest(presented))
    if row is None:
        return None
    family = session.get(LoginSession, row.session_id)
    if family is None or family.revoked_at is not None:
        return None
    now = time.time()
    if row.used_at is not None:
        revoke_family(session, family.id)
        return None
    if row.expires_at <= now:
        return None
    row.used_at = now
    return family.user_id, family.id, issue_refresh_token(session, family.id)


def decode_access_token(token: str) -> tuple[str, str]:
    """(user id, session id) of a valid token; raises 401 for bad signature, algorithm or expiry."""
    try:
        claims = jwt.decode(
            token,
            get_settings().secret,
            algorithms=[ALGORITHM],
            options={"require": ["sub", "sid", "exp", "iat"]},
        )
    except jwt.ExpiredSignatureError:
        raise unauthorized("Token has expired") from None
    except jwt.InvalidTokenError:
        raise unauthorized("Invalid token") from None
    subject, session_id = claims["sub"], claims["sid"]
    if not isinstance(subject, str) or not isinstance(session_id, str):
        raise unauthorized("Invalid token")
    return subject, session_id


def current_user(
    token: Annotated[str, Depends(oauth2_scheme)],
    session: Annotated[Session, Depends(get_session)],
) -> User:
    user_id, session_id = decode_access_token(token)
    user = session.get(User, user_id)
    if user is None:
        raise unauthorized("Invalid or revoked token")
    return user


CurrentUser = Annotated[User, Depends(current_user)]
