"""Schema upgrade for databases created by the v1-only release (adds the v2 name columns)."""

from sqlalchemy import inspect, select, text, update

from app.db import Base, engine
from app.models import Customer, split_name


def upgrade_schema() -> None:
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        columns = {c["name"] for c in inspect(conn).get_columns("customers")}
        added = False
        for column in ("given_name", "family_name"):
            if column not in columns:
                conn.execute(
                    text(
                        f"ALTER TABLE customers ADD COLUMN {column} "
                        "VARCHAR(100) NOT NULL DEFAULT ''"
                    )
                )
                added = True
        if added:
            for cid, name in conn.execute(select(Customer.id, Customer.name)).all():
                given, family = split_name(name)
                conn.execute(
                    update(Customer)
                    .where(Customer.id == cid)
                    .values(given_name=given, family_name=family)
                )
