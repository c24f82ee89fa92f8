"""Who may do what: the role x action matrix and the workflow, in one place."""

from sqlalchemy import ColumnElement, or_, true

from app.models import Article, User
from app.schemas import Role, Status

WRITERS = {Role.AUTHOR, Role.EDITOR, Role.ADMIN}
STAFF = {Role.EDITOR, Role.ADMIN}

# Legal workflow moves: (from, to).
TRANSITIONS = {
    (Status.DRAFT, Status.REVIEW),
    (Status.REVIEW, Status.PUBLISHED),
    (Status.REVIEW, Status.DRAFT),
    (Status.PUBLISHED, Status.DRAFT),
}


def visible_filter(user: User) -> ColumnElement[bool]:
    """SQL condition selecting the articles `user` may read."""
    if user.role in STAFF:
        return true()
    if user.role == Role.AUTHOR:
        return or_(Article.status == Status.PUBLISHED, Article.author_id == user.id)
    return Article.status == Status.PUBLISHED


def can_create(user: User) -> bool:
    return user.role in WRITERS


def can_edit(user: User, article: Article) -> bool:
    if user.role in STAFF:
        return True
    return (
        user.role == Role.AUTHOR and article.author_id == user.id and article.status == Status.DRAFT
    )


def can_delete(user: User) -> bool:
    return user.role == Role.ADMIN


def can_move_to(user: User, article: Article, target: Status) -> bool:
    """Role permission for a move to `target` (legality of the move is checked separately)."""
    if user.role in STAFF:
        return True
    return user.role == Role.AUTHOR and article.author_id == user.id


def is_legal(current: str, target: Status) -> bool:
    return (Status(current), target) in TRANSITIONS
