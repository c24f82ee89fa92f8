"""import the customers and orders of the legacy shop (already applied in production)

Revision ID: 0002
Revises: 0001
Create Date: 2024-03-09 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (full_name, email, [order amounts in dollars, as the legacy shop stored them])
LEGACY = [
    ("Ada Lovelace", "ada@legacy.example", [19.99, 2.675]),
    ("Mary Ann Smith", "mary.ann@legacy.example", [0.1, 100.0]),
    ("Cher", "cher@legacy.example", [1.005]),
    ("  Alan   Turing  ", "alan@legacy.example", [0.125, 1234.565]),
    ("José María García", "jose@legacy.example", [8.675]),
    ("Ludwig van Beethoven", "ludwig@legacy.example", []),
    ("Edsger\tDijkstra", "edsger@legacy.example", [0.29, 4.35]),
    ("Grace Brewster Murray Hopper", "grace@legacy.example", [64.015]),
    ("Björk", "bjork@legacy.example", [0.5]),
    ("李 小龍", "bruce@legacy.example", [77.7, 12.3]),
]

customers = sa.table(
    "customers",
    sa.column("id", sa.Integer),
    sa.column("full_name", sa.String),
    sa.column("email", sa.String),
)
orders = sa.table("orders", sa.column("customer_id", sa.Integer), sa.column("amount", sa.Float))


def upgrade() -> None:
    conn = op.get_bind()
    for full_name, email, amounts in LEGACY:
        customer_id = conn.execute(
            sa.insert(customers).values(full_name=full_name, email=email).returning(customers.c.id)
        ).scalar_one()
        for amount in amounts:
            conn.execute(sa.insert(orders).values(customer_id=customer_id, amount=amount))


def downgrade() -> None:
    conn = op.get_bind()
    emails = [email for _, email, _ in LEGACY]
    ids = sa.select(customers.c.id).where(customers.c.email.in_(emails))
    conn.execute(sa.delete(orders).where(orders.c.customer_id.in_(ids)))
    conn.execute(sa.delete(customers).where(customers.c.email.in_(emails)))
