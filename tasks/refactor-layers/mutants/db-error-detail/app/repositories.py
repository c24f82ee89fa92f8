"""Repositories: the only modules that know SQL. They return plain dicts (rows)."""

from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError


class DuplicateEmail(Exception):
    pass


class CustomerRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, name: str, email: str, tier: str) -> dict:
        try:
            result = self.conn.execute(
                text("INSERT INTO customers (name, email, tier) VALUES (:n, :e, :t)"),
                {"n": name, "e": email, "t": tier},
            )
        except IntegrityError as e:
            raise DuplicateEmail(str(e)) from None
        return {"id": result.lastrowid, "name": name, "email": email, "tier": tier}

    def get(self, customer_id: int) -> dict | None:
        row = self.conn.execute(
            text("SELECT id, name, email, tier FROM customers WHERE id = :id"), {"id": customer_id}
        ).mappings().first()
        return dict(row) if row else None


class ProductRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, name: str, price_cents: int) -> dict:
        result = self.conn.execute(
            text("INSERT INTO products (name, price_cents) VALUES (:n, :p)"),
            {"n": name, "p": price_cents},
        )
        return {"id": result.lastrowid, "name": name, "price_cents": price_cents}

    def get_many(self, product_ids: list[int]) -> dict[int, dict]:
        if not product_ids:
            return {}
        params = {f"p{i}": pid for i, pid in enumerate(product_ids)}
        placeholders = ", ".join(f":{k}" for k in params)
        rows = self.conn.execute(
            text(f"SELECT id, name, price_cents FROM products WHERE id IN ({placeholders})"),  # noqa: S608 - placeholders only
            params,
        ).mappings()
        return {row["id"]: dict(row) for row in rows}


class OrderRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, customer_id: int, created_at: str, lines: list[dict]) -> int:
        result = self.conn.execute(
            text(
                "INSERT INTO orders (customer_id, status, created_at) VALUES (:c, 'open', :t)"
            ),
            {"c": customer_id, "t": created_at},
        )
        order_id = result.lastrowid
        self.conn.execute(
            text(
                "INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents)"
                " VALUES (:o, :p, :q, :u)"
            ),
            [
                {"o": order_id, "p": ln["product_id"], "q": ln["quantity"],
                 "u": ln["unit_price_cents"]}
                for ln in lines
            ],
        )
        return int(order_id)

    def get(self, order_id: int) -> dict | None:
        row = self.conn.execute(
            text(
                "SELECT o.id, o.customer_id, o.status, o.created_at, c.tier"
                " FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = :id"
            ),
            {"id": order_id},
        ).mappings().first()
        if row is None:
            return None
        return {**dict(row), "lines": self.lines_of([order_id])[order_id]}

    def list_for_customer(self, customer_id: int, status: str | None) -> list[dict]:
        sql = (
            "SELECT o.id, o.customer_id, o.status, o.created_at, c.tier"
            " FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.customer_id = :c"
        )
        params: dict = {"c": customer_id}
        if status is not None:
            sql += " AND o.status = :s"
            params["s"] = status
        rows = [dict(r) for r in self.conn.execute(text(sql + " ORDER BY o.id"), params).mappings()]
        lines = self.lines_of([r["id"] for r in rows])
        return [{**r, "lines": lines[r["id"]]} for r in rows]

    def lines_of(self, order_ids: list[int]) -> dict[int, list[dict]]:
        out: dict[int, list[dict]] = {oid: [] for oid in order_ids}
        if not order_ids:
            return out
        params = {f"o{i}": oid for i, oid in enumerate(order_ids)}
        placeholders = ", ".join(f":{k}" for k in params)
        rows = self.conn.execute(
            text(
                "SELECT order_id, product_id, quantity, unit_price_cents FROM order_items"
                f" WHERE order_id IN ({placeholders}) ORDER BY id"  # noqa: S608 - placeholders only
            ),
            params,
        ).mappings()
        for row in rows:
            out[row["order_id"]].append(
                {k: row[k] for k in ("product_id", "quantity", "unit_price_cents")}
            )
        return out

    def get_status(self, order_id: int) -> str | None:
        return self.conn.execute(
            text("SELECT status FROM orders WHERE id = :id"), {"id": order_id}
        ).scalar()

    def set_status(self, order_id: int, status: str) -> None:
        self.conn.execute(
            text("UPDATE orders SET status = :s WHERE id = :id"), {"s": status, "id": order_id}
        )
