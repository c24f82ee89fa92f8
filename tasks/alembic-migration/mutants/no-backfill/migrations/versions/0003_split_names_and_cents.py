"""split customers.full_name into first_name/last_name; orders.amount (float dollars) to
integer amount_cents

Revision ID: 0003
Revises: 0002
Create Date: 2024-06-14 09:00:00

Names: split on runs of whitespace; the last word is last_name, the words before it (joined by
single spaces) are first_name; a single word is a first_name with an empty last_name.
Money: the float is read as the decimal it prints as (15 significant digits) and rounded half
up to whole cents.
"""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000

customers = sa.table(
    "customers",
    sa.column("id", sa.Integer),
    sa.column("full_name", sa.String),
    sa.column("first_name", sa.String),
    sa.column("last_name", sa.String),
)
orders = sa.table(
    "orders",
    sa.column("id", sa.Integer),
    sa.column("amount", sa.Float),
    sa.column("amount_cents", sa.BigInteger),
)


def split_full_name(full_name: str) -> tuple[str, str]:
    words = full_name.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return words[0], ""
    return " ".join(words[:-1]), words[-1]


def to_cents(amount: float) -> int:
    return int((Decimal(f"{amount:.15g}") * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def upgrade() -> None:
    conn = op.get_bind()
    op.add_column(
        "customers", sa.Column("first_name", sa.String(200), nullable=False, server_default="")
    )
    op.add_column(
        "customers", sa.Column("last_name", sa.String(200), nullable=False, server_default="")
    )
    op.add_column("orders", sa.Column("amount_cents", sa.BigInteger, nullable=True))

    rows = conn.execute(sa.select(orders.c.id, orders.c.amount)).all()
    for start in range(0, len(rows), BATCH):
        params = [
            {"b_id": r.id, "b_cents": to_cents(r.amount)} for r in rows[start : start + BATCH]
        ]
        conn.execute(
            sa.update(orders)
            .where(orders.c.id == sa.bindparam("b_id"))
            .values(amount_cents=sa.bindparam("b_cents")),
            params,
        )

    op.alter_column("customers", "first_name", nullable=False)
    op.alter_column("customers", "last_name", nullable=False)
    op.drop_column("customers", "full_name")
    op.alter_column("orders", "amount_cents", nullable=False)
    op.create_check_constraint("ck_orders_amount_cents_positive", "orders", "amount_cents > 0")
    op.drop_column("orders", "amount")


def downgrade() -> None:
    op.add_column("customers", sa.Column("full_name", sa.String(200), nullable=True))
    op.execute("UPDATE customers SET full_name = concat_ws(' ', first_name, nullif(last_name, ''))")
    op.alter_column("customers", "full_name", nullable=False)
    op.drop_column("customers", "last_name")
    op.drop_column("customers", "first_name")
    op.add_column("orders", sa.Column("amount", sa.Float, nullable=True))
    op.execute("UPDATE orders SET amount = amount_cents / 100.0")
    op.alter_column("orders", "amount", nullable=False)
    op.drop_constraint("ck_orders_amount_cents_positive", "orders", type_="check")
    op.drop_column("orders", "amount_cents")
