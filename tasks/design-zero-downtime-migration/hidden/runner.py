"""Runs the whole plan once on a seeded database and records what every check needs: each step
forward, the stated queries of the versions it claims, the locks its statements took, its
rollback (schema back to the previous step's shape) and the step again."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import probes
import psycopg
from helpers import HERE, connect, new_database
from plan import PlanError, claims, load_plan
from shape import shape_diff, users_shape

SCAN_NOTICE = 'verifying table "users"'
VALIDATE = re.compile(r"\bVALIDATE\s+CONSTRAINT\b", re.IGNORECASE)


@dataclass
class StepRecord:
    name: str
    claimed: set[str]
    error: str | None = None
    old_app: str | None = None
    new_app: str | None = None
    cross: list[str] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)
    locks: list[str] = field(default_factory=list)


@dataclass
class RunRecord:
    steps: list[StepRecord]
    dsn: str
    complete: bool
    """Every step applied."""


class Runner:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn
        self.notices: list[str] = []
        conn.add_notice_handler(lambda d: self.notices.append(d.message_primary or ""))

    def _relfilenode(self) -> int:
        row = self.conn.execute(
            "SELECT relfilenode FROM pg_class WHERE oid = 'users'::regclass"
        ).fetchone()
        return int(row[0]) if row else 0

    def statement(self, stmt: str, locks: list[str]) -> None:
        """One statement; records a rewrite of users or a scan of users under ACCESS EXCLUSIVE."""
        before = self._relfilenode()
        self.conn.execute("SET client_min_messages = debug1")  # whatever the plan set before
        self.notices.clear()
        self.conn.execute(stmt.encode())
        short = " ".join(stmt.split())[:100]
        if self._relfilenode() != before:
            locks.append(f"rewrites the users table: {short}")
        if not VALIDATE.search(stmt) and any(SCAN_NOTICE in n for n in self.notices):
            locks.append(f"scans users while holding ACCESS EXCLUSIVE: {short}")

    def run_list(self, stmts: list[str], transaction: bool, locks: list[str]) -> str | None:
        try:
            if transaction:
                with self.conn.transaction():
                    for stmt in stmts:
                        self.statement(stmt, locks)
            else:
                for stmt in stmts:
                    self.statement(stmt, locks)
        except psycopg.Error as e:
            return " ".join(str(e).split())[:300]
        return None


def _attempt(fn: Callable[[], None]) -> str | None:
    try:
        fn()
    except (psycopg.Error, AssertionError) as e:
        return " ".join(str(e).split())[:300] or type(e).__name__
    return None


def _probe(run: Runner, rec: StepRecord) -> None:
    conn = run.conn
    if "old" in rec.claimed:
        rec.old_app = _attempt(lambda: probes.run_old_app(conn))
    if "new" in rec.claimed:
        rec.new_app = _attempt(lambda: probes.run_new_app(conn))
    if rec.claimed == {"old", "new"}:
        try:
            rec.cross = probes.cross_version_problems(conn)
        except (psycopg.Error, AssertionError) as e:
            rec.cross = [f"fails: {' '.join(str(e).split())[:200]}"]
    try:
        rec.stored = probes.stored_name_problems(conn, rec.claimed)
    except psycopg.Error as e:
        rec.stored = [f"fails: {' '.join(str(e).split())[:200]}"]
    probes.delete_probe_rows(conn)


def _roll_back_and_redo(run: Runner, step: dict[str, Any], before: Any) -> str | None:
    """Rollback, compare with the shape before the step, apply the step again: why not, or None."""
    after = users_shape(run.conn)
    tx = bool(step.get("transaction", False))
    locks: list[str] = []
    err = run.run_list(step["rollback_sql"], tx, locks)
    if err:
        return f"rollback_sql fails: {err}"
    diff = shape_diff(before, users_shape(run.conn))
    if diff:
        return f"after rollback_sql, users is unlike before the step: {diff}"
    err = run.run_list(step["sql"], tx, locks)
    if err or shape_diff(after, users_shape(run.conn)):
        return f"the step does not apply again after its rollback: {err or 'another shape'}"
    return None


def _seeded(conn: psycopg.Connection[Any]) -> None:
    conn.execute("SET client_min_messages = debug1")
    conn.execute((HERE / "start_schema.sql").read_bytes())
    conn.execute((HERE / "seed.sql").read_bytes())


def forward_run(steps: list[dict[str, Any]]) -> RunRecord:
    """Each step in order on a seeded database, with the queries of the versions it claims."""
    dsn = new_database()
    records: list[StepRecord] = []
    with connect(dsn) as conn:
        _seeded(conn)
        conn.execute("CREATE SCHEMA grader")
        conn.execute(
            "CREATE TABLE grader.seed AS SELECT id, email, full_name, created_at FROM users"
        )
        run = Runner(conn)
        for step in steps:
            rec = StepRecord(step["name"], claims(step))
            records.append(rec)
            rec.error = run.run_list(step["sql"], bool(step.get("transaction", False)), rec.locks)
            if rec.error:
                return RunRecord(records, dsn, complete=False)
            _probe(run, rec)
    return RunRecord(records, dsn, complete=True)


def _forward_to(run: Runner, steps: list[dict[str, Any]]) -> str | None:
    for step in steps:
        err = run.run_list(step["sql"], bool(step.get("transaction", False)), [])
        if err:
            return err
    return None


def rollback_run(steps: list[dict[str, Any]]) -> list[str | None]:
    """For each step: apply, roll back, compare, apply again. After a failure the database is
    rebuilt forward to that step, so every step's rollback is judged on its own. None = fine."""
    out: list[str | None] = []
    conn: psycopg.Connection[Any] | None = None
    try:
        for i, step in enumerate(steps):
            if conn is None:
                conn = connect(new_database())
                _seeded(conn)
                if _forward_to(Runner(conn), steps[:i]):
                    out.extend(["not checked: the steps before it fail"] * (len(steps) - i))
                    break
            run = Runner(conn)
            before = users_shape(conn)
            if run.run_list(step["sql"], bool(step.get("transaction", False)), []):
                out.extend(["not checked: the step fails"] * (len(steps) - i))
                break
            out.append(_roll_back_and_redo(run, step, before))
            if out[-1]:
                conn.close()
                conn = None
    finally:
        if conn is not None:
            conn.close()
    return out


@dataclass
class PlanRun:
    forward: RunRecord
    rollbacks: list[str | None]


_cache: dict[str, PlanRun | str] = {}


def plan_run() -> PlanRun | str:
    """Both runs (made once per session), or why the plan could not be run."""
    if "run" not in _cache:
        try:
            steps = load_plan()
        except PlanError as e:
            _cache["run"] = str(e)
            return _cache["run"]
        _cache["run"] = PlanRun(forward_run(steps), rollback_run(steps))
    return _cache["run"]
