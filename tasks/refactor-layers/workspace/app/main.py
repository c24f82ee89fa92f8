# orders service - v1
# NOTE: everything lives here for now, split it up "later"
import os
import sqlite3
import threading
from datetime import datetime, timezone

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

DB_URL = os.environ.get("DATABASE_URL", "sqlite:///./app.db")
DB_PATH = DB_URL.replace("sqlite:///", "", 1)

conn = sqlite3.connect(DB_PATH, check_same_thread=False, timeout=30)
conn.row_factory = sqlite3.Row
lock = threading.Lock()

GOLD_DISCOUNT_PERCENT = 5

app = FastAPI(title="Orders")


def init_db():
    with lock:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS customers (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                email TEXT NOT NULL UNIQUE,
                tier TEXT NOT NULL DEFAULT 'standard'
            );
            CREATE TABLE IF NOT EXISTS products (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                price_cents INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS orders (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                customer_id INTEGER NOT NULL REFERENCES customers(id),
                status TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS order_items (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                order_id INTEGER NOT NULL REFERENCES orders(id),
                product_id INTEGER NOT NULL REFERENCES products(id),
                quantity INTEGER NOT NULL,
                unit_price_cents INTEGER NOT NULL
            );
            """
        )
        conn.commit()


init_db()


class CustomerIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    email: str = Field(min_length=3, max_length=200, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    tier: str = Field(default="standard", pattern=r"^(standard|gold)$")


class ProductIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price_cents: int = Field(ge=1, le=10_000_000)


class Line(BaseModel):
    product_id: int
    quantity: int = Field(ge=1, le=100)


class OrderIn(BaseModel):
    customer_id: int
    items: list[Line] = Field(min_length=1, max_length=50)


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/readyz")
def readyz():
    try:
        with lock:
            conn.execute("SELECT 1").fetchone()
    except sqlite3.Error:
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return {"status": "ready"}


@app.post("/customers", status_code=201)
def create_customer(c: CustomerIn):
    email = c.email.strip().lower()
    with lock:
        row = conn.execute("SELECT id FROM customers WHERE email = ?", (email,)).fetchone()
        if row:
            raise HTTPException(409, "email already registered")
        cur = conn.execute(
            "INSERT INTO customers (name, email, tier) VALUES (?, ?, ?)", (c.name, email, c.tier)
        )
        conn.commit()
        cid = cur.lastrowid
    return {"id": cid, "name": c.name, "email": email, "tier": c.tier}


@app.get("/customers/{customer_id}")
def get_customer(customer_id: int):
    with lock:
        row = conn.execute("SELECT * FROM customers WHERE id = ?", (customer_id,)).fetchone()
    if not row:
        raise HTTPException(404, "customer not found")
    return {"id": row["id"], "name": row["name"], "email": row["email"], "tier": row["tier"]}


@app.post("/products", status_code=201)
def create_product(p: ProductIn):
    with lock:
        cur = conn.execute(
            "INSERT INTO products (name, price_cents) VALUES (?, ?)", (p.name, p.price_cents)
        )
        conn.commit()
        pid = cur.lastrowid
    return {"id": pid, "name": p.name, "price_cents": p.price_cents}


@app.post("/orders/quote")
def quote(o: OrderIn):
    with lock:
        cust = conn.execute("SELECT * FROM customers WHERE id = ?", (o.customer_id,)).fetchone()
        if not cust:
            raise HTTPException(404, "customer not found")
        items = []
        for line in o.items:
            prod = conn.execute(
                "SELECT * FROM products WHERE id = ?", (line.product_id,)
            ).fetchone()
            if not prod:
                raise HTTPException(422, f"unknown product {line.product_id}")
            items.append(
                {
                    "product_id": prod["id"],
                    "quantity": line.quantity,
                    "unit_price_cents": prod["price_cents"],
                    "line_total_cents": prod["price_cents"] * line.quantity,
                }
            )
    subtotal = 0
    for it in items:
        subtotal += it["line_total_cents"]
    discount = 0
    if cust["tier"] == "gold":
        discount = subtotal * GOLD_DISCOUNT_PERCENT // 100
    return {
        "customer_id": o.customer_id,
        "items": items,
        "subtotal_cents": subtotal,
        "discount_cents": discount,
        "total_cents": subtotal - discount,
    }


@app.post("/orders", status_code=201)
def create_order(o: OrderIn):
    with lock:
        cust = conn.execute("SELECT * FROM customers WHERE id = ?", (o.customer_id,)).fetchone()
        if not cust:
            raise HTTPException(404, "customer not found")
        prods = []
        for line in o.items:
            prod = conn.execute(
                "SELECT * FROM products WHERE id = ?", (line.product_id,)
            ).fetchone()
            if not prod:
                raise HTTPException(422, f"unknown product {line.product_id}")
            prods.append((prod, line.quantity))
        now = datetime.now(timezone.utc).isoformat()
        cur = conn.execute(
            "INSERT INTO orders (customer_id, status, created_at) VALUES (?, 'open', ?)",
            (o.customer_id, now),
        )
        oid = cur.lastrowid
        for prod, qty in prods:
            conn.execute(
                "INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents)"
                " VALUES (?, ?, ?, ?)",
                (oid, prod["id"], qty, prod["price_cents"]),
            )
        conn.commit()
    items = []
    subtotal = 0
    for prod, qty in prods:
        items.append(
            {
                "product_id": prod["id"],
                "quantity": qty,
                "unit_price_cents": prod["price_cents"],
                "line_total_cents": prod["price_cents"] * qty,
            }
        )
        subtotal += prod["price_cents"] * qty
    discount = subtotal * GOLD_DISCOUNT_PERCENT // 100 if cust["tier"] == "gold" else 0
    return {
        "id": oid,
        "customer_id": o.customer_id,
        "status": "open",
        "created_at": now,
        "items": items,
        "subtotal_cents": subtotal,
        "discount_cents": discount,
        "total_cents": subtotal - discount,
    }


def load_order(oid):
    # caller must hold the lock
    row = conn.execute(
        "SELECT o.*, c.tier FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?",
        (oid,),
    ).fetchone()
    if not row:
        return None
    lines = conn.execute(
        "SELECT product_id, quantity, unit_price_cents FROM order_items WHERE order_id = ?"
        " ORDER BY id",
        (oid,),
    ).fetchall()
    items = [
        {
            "product_id": l["product_id"],
            "quantity": l["quantity"],
            "unit_price_cents": l["unit_price_cents"],
            "line_total_cents": l["quantity"] * l["unit_price_cents"],
        }
        for l in lines
    ]
    subtotal = sum(i["line_total_cents"] for i in items)
    discount = 0
    if row["tier"] == "gold":
        discount = int(subtotal * GOLD_DISCOUNT_PERCENT / 100)
    return {
        "id": row["id"],
        "customer_id": row["customer_id"],
        "status": row["status"],
        "created_at": row["created_at"],
        "items": items,
        "subtotal_cents": subtotal,
        "discount_cents": discount,
        "total_cents": subtotal - discount,
    }


@app.get("/orders/{order_id}")
def get_order(order_id: int):
    with lock:
        order = load_order(order_id)
    if order is None:
        raise HTTPException(404, "order not found")
    return order


@app.post("/orders/{order_id}/cancel")
def cancel_order(order_id: int):
    with lock:
        row = conn.execute("SELECT status FROM orders WHERE id = ?", (order_id,)).fetchone()
        if not row:
            raise HTTPException(404, "order not found")
        if row["status"] == "cancelled":
            raise HTTPException(409, "order already cancelled")
        conn.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", (order_id,))
        conn.commit()
        order = load_order(order_id)
    return order


@app.get("/customers/{customer_id}/orders")
def customer_orders(customer_id: int, status: str | None = None):
    if status is not None and status not in ("open", "cancelled"):
        raise HTTPException(422, "status must be open or cancelled")
    with lock:
        cust = conn.execute("SELECT id FROM customers WHERE id = ?", (customer_id,)).fetchone()
        if not cust:
            raise HTTPException(404, "customer not found")
        if status:
            rows = conn.execute(
                "SELECT id FROM orders WHERE customer_id = ? AND status = ? ORDER BY id",
                (customer_id, status),
            ).fetchall()
        else:
            rows = conn.execute(
                "SELECT id FROM orders WHERE customer_id = ? ORDER BY id", (customer_id,)
            ).fetchall()
        return [load_order(r["id"]) for r in rows]


@app.get("/customers/{customer_id}/summary")
def customer_summary(customer_id: int):
    with lock:
        cust = conn.execute("SELECT * FROM customers WHERE id = ?", (customer_id,)).fetchone()
        if not cust:
            raise HTTPException(404, "customer not found")
        rows = conn.execute(
            "SELECT o.id, SUM(i.quantity * i.unit_price_cents) AS subtotal"
            " FROM orders o JOIN order_items i ON i.order_id = o.id"
            " WHERE o.customer_id = ? AND o.status = 'open' GROUP BY o.id",
            (customer_id,),
        ).fetchall()
    total = 0
    for r in rows:
        sub = r["subtotal"]
        if cust["tier"] == "gold":
            sub = sub - sub * GOLD_DISCOUNT_PERCENT // 100
        total += sub
    return {
        "customer_id": customer_id,
        "tier": cust["tier"],
        "open_orders": len(rows),
        "total_spent_cents": total,
    }
