"""customers and orders

Revision ID: 0001
Revises:
Create Date: 2024-03-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column(
            "customer_id", sa.Integer, sa.ForeignKey("customers.id"), nullable=False, index=True
        ),
        sa.Column("amount", sa.Float, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )


def downgrade() -> None:
    op.drop_table("orders")
    op.drop_table("customers")
