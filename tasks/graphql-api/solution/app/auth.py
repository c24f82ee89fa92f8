"""Who is calling: the admin (bearer APP_SECRET), an author (bearer API token) or nobody."""

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Author


@dataclass(frozen=True)
class Viewer:
    is_admin: bool = False
    author_id: str | None = None
    invalid_token: bool = False

    @property
    def authenticated(self) -> bool:
        return self.is_admin or self.author_id is not None


def new_token() -> tuple[str, str]:
    token = "tok_" + secrets.token_urlsafe(24)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def viewer_from_header(session: Session, authorization: str | None) -> Viewer:
    if not authorization:
        return Viewer()
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return Viewer(invalid_token=True)
    secret = os.environ["APP_SECRET"]
    if hmac.compare_digest(token.encode(), secret.encode()):
        return Viewer(is_admin=True)
    author_id = session.scalar(select(Author.id).where(Author.token_hash == hash_token(token)))
    if author_id is None:
        return Viewer(invalid_token=True)
    return Viewer(author_id=author_id)
