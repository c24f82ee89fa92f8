"""The old and new app's stated queries, run against the database after a step, and the checks
that rows written by one version read back correctly through the other."""

import uuid
from typing import Any, TypeAlias

import psycopg
from helpers import display_name

PROBE_DOMAIN = "probe.test"
OLD = {
    "insert": "INSERT INTO users (email, full_name) VALUES (%(email)s, %(full_name)s) RETURNING id",
    "get": "SELECT id, email, full_name FROM users WHERE id = %(id)s",
    "rename": "UPDATE users SET full_name = %(full_name)s WHERE id = %(id)s",
    "by_email": "SELECT id, full_name FROM users WHERE email = %(email)s",
}
NEW = {
    "insert": (
        "INSERT INTO users (email, first_name, last_name)"
        " VALUES (%(email)s, %(first_name)s, %(last_name)s) RETURNING id"
    ),
    "get": "SELECT id, email, first_name, last_name FROM users WHERE id = %(id)s",
    "rename": (
        "UPDATE users SET first_name = %(first_name)s, last_name = %(last_name)s WHERE id = %(id)s"
    ),
    "by_email": "SELECT id, first_name, last_name FROM users WHERE lower(email) = lower(%(email)s)",
}
Conn: TypeAlias = psycopg.Connection[Any]


def probe_email(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:10]}@{PROBE_DOMAIN}"


def _one(conn: Conn, sql: str, params: dict[str, Any]) -> tuple[Any, ...]:
    row = conn.execute(sql, params).fetchone()
    if row is None:
        raise AssertionError("no row")
    return tuple(row)


def old_insert(conn: Conn, full_name: str) -> int:
    return int(_one(conn, OLD["insert"], {"email": probe_email("old"), "full_name": full_name})[0])


def new_insert(conn: Conn, first: str, last: str) -> int:
    params = {"email": probe_email("New"), "first_name": first, "last_name": last}
    return int(_one(conn, NEW["insert"], params)[0])


def old_name(conn: Conn, uid: int) -> str:
    return str(_one(conn, OLD["get"], {"id": uid})[2])


def new_names(conn: Conn, uid: int) -> tuple[str, str]:
    row = _one(conn, NEW["get"], {"id": uid})
    return row[2], row[3]


def run_old_app(conn: Conn) -> None:
    """Every old-app query, with its expected answers; raises on the first failure."""
    email = probe_email("old")
    uid = _one(conn, OLD["insert"], {"email": email, "full_name": "Grace Brewster Hopper"})[0]
    assert _one(conn, OLD["get"], {"id": uid})[2] == "Grace Brewster Hopper", "old get"
    conn.execute(OLD["rename"], {"id": uid, "full_name": "Grace Hopper"})
    assert _one(conn, OLD["by_email"], {"email": email}) == (uid, "Grace Hopper"), "old by_email"


def run_new_app(conn: Conn) -> None:
    """Every new-app query, with its expected answers; raises on the first failure."""
    email = probe_email("New")
    params = {"email": email, "first_name": "Alan", "last_name": "Mathison Turing"}
    uid = _one(conn, NEW["insert"], params)[0]
    assert _one(conn, NEW["get"], {"id": uid})[2:] == ("Alan", "Mathison Turing"), "new get"
    conn.execute(NEW["rename"], {"id": uid, "first_name": "Alan", "last_name": "Turing"})
    found = _one(conn, NEW["by_email"], {"email": email.upper()})
    assert found == (uid, "Alan", "Turing"), f"new by_email (any case) returned {found}"


def cross_version_problems(conn: Conn) -> list[str]:
    """While both versions run, what one writes must read back right through the other."""
    out = []
    for full in ("Grace Brewster Hopper", "Cher"):
        uid = old_insert(conn, full)
        first, _, last = full.partition(" ")
        if new_names(conn, uid) != (first, last):
            out.append(f"old app inserts {full!r}, new app reads {new_names(conn, uid)}")
    for first, last in (("Alan", "Turing"), ("Madonna", "")):
        uid = new_insert(conn, first, last)
        if old_name(conn, uid) != display_name(first, last):
            out.append(f"new app inserts {(first, last)}, old app reads {old_name(conn, uid)!r}")
    uid = new_insert(conn, "Ada", "Lovelace")
    conn.execute(OLD["rename"], {"id": uid, "full_name": "Ada King Lovelace"})
    if new_names(conn, uid) != ("Ada", "King Lovelace"):
        out.append(f"old app renames to 'Ada King Lovelace', new app reads {new_names(conn, uid)}")
    uid = old_insert(conn, "Edsger Dijkstra")
    conn.execute(NEW["rename"], {"id": uid, "first_name": "Edsger", "last_name": "W Dijkstra"})
    if old_name(conn, uid) != "Edsger W Dijkstra":
        out.append(
            f"new app renames to ('Edsger', 'W Dijkstra'), old app reads {old_name(conn, uid)!r}"
        )
    return out


def stored_name_problems(conn: Conn, claimed: set[str]) -> list[str]:
    """Every row carries what the running versions read: the old app needs full_name, the new
    app first_name/last_name, and while full_name exists the two must agree."""
    has_full = conn.execute(
        "SELECT 1 FROM pg_attribute WHERE attrelid = 'users'::regclass"
        " AND attname = 'full_name' AND NOT attisdropped"
    ).fetchone()
    out = []
    if "old" in claimed and has_full:
        n = _one(conn, "SELECT count(*) FROM users WHERE full_name IS NULL", {})[0]
        if n:
            out.append(f"{n} users have no full_name for the old app")
    if "new" in claimed and has_full:
        n = _one(
            conn,
            "SELECT count(*) FROM users WHERE first_name IS NULL OR last_name IS NULL"
            " OR full_name IS DISTINCT FROM"
            " CASE WHEN last_name = '' THEN first_name ELSE first_name || ' ' || last_name END",
            {},
        )[0]
        if n:
            out.append(
                f"{n} users' first_name/last_name do not match their full_name for the new app"
            )
    return out


def delete_probe_rows(conn: Conn) -> None:
    conn.execute("DELETE FROM users WHERE email LIKE %(p)s", {"p": f"%@{PROBE_DOMAIN}"})
