"""Access decisions: ownership, grants and the attribute rules, in one place."""

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.models import Document, Grant, User
from app.schemas import Classification

OWNER, EDITOR, VIEWER = "owner", "editor", "viewer"


def access_level(session: Session, user: User, document: Document) -> str | None:
    if document.owner_id == user.id:
        return OWNER
    return session.scalar(
        select(Grant.role).where(Grant.document_id == document.id, Grant.user_id == user.id)
    )


def may_edit(level: str) -> bool:
    return level in (OWNER, EDITOR)


def may_share_with(document: Document, grantee: User) -> bool:
    """Confidential documents never reach anyone outside the owner's department."""
    return grantee.id != document.owner_id


def may_enable_link(document: Document) -> bool:
    return document.classification != Classification.CONFIDENTIAL


def outside_grants(session: Session, document: Document) -> bool:
    """Whether any grant on the document reaches another department."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    Grant.document_id == document.id,
                    Grant.user_id == User.id,
                    User.department != document.department,
                )
            )
        )
    )
