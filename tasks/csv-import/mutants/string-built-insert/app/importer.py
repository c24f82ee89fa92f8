"""CSV parsing and row validation. Line numbers are physical lines; the header is line 1 and a
record's line is the line on which it starts (quoted fields may span lines)."""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import delete, text, update

from app.db import SessionLocal
from app.models import Contact, ImportBlob, ImportJob

COLUMNS = ("email", "name", "age", "country")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
BATCH = 500


class HeaderError(Exception):
    pass


@dataclass
class Outcome:
    valid: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    failed_rows: int = 0
    total_rows: int = 0


def records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(start line, fields) for every non-empty record."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        if row:
            yield start, row


def header_positions(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise HeaderError(f"missing column(s): {', '.join(missing)}")
    duplicated = [c for c in COLUMNS if names.count(c) > 1]
    if duplicated:
        raise HeaderError(f"duplicate column(s): {', '.join(duplicated)}")
    return {c: names.index(c) for c in COLUMNS}


def validate_row(
    line: int, row: list[str], pos: dict[str, int], width: int
) -> tuple[dict | None, list[dict]]:
    if len(row) != width:
        return None, [
            {"line": line, "field": None, "message": f"expected {width} fields, got {len(row)}"}
        ]
    errors = []
    email = row[pos["email"]].strip()
    name = row[pos["name"]].strip()
    age_raw = row[pos["age"]].strip()
    country = row[pos["country"]].strip()
    if not EMAIL_RE.fullmatch(email) or len(email) > 254:
        errors.append({"line": line, "field": "email", "message": "not a valid e-mail address"})
    if not 1 <= len(name) <= 100:
        errors.append({"line": line, "field": "name", "message": "must be 1-100 characters"})
    age = None
    if age_raw:
        if age_raw.isascii() and age_raw.isdigit() and int(age_raw) <= 150:
            age = int(age_raw)
        else:
            errors.append({"line": line, "field": "age", "message": "must be an integer 0-150"})
    if not COUNTRY_RE.fullmatch(country):
        errors.append({"line": line, "field": "country", "message": "must be two letters A-Z"})
    if errors:
        return None, errors
    return {"line": line, "email": email.lower(), "name": name, "age": age, "country": country}, []


def parse(data: bytes) -> Outcome:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HeaderError("the file is not UTF-8") from None
    rows = records(text)
    try:
        first = next(rows, None)
        if first is None:
            return Outcome()
        pos = header_positions(first[1])
        width = len(first[1])
        out = Outcome()
        for line, row in rows:
            out.total_rows += 1
            valid, errors = validate_row(line, row, pos, width)
            if valid is None:
                out.failed_rows += 1
                out.errors.extend(errors)
            else:
                out.valid.append(valid)
    except csv.Error as e:
        raise HeaderError(f"malformed CSV: {e}") from None
    return out


def _finish(job_id: int, **values: object) -> None:
    with SessionLocal() as session:
        session.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id)
            .values(finished_at=datetime.now(UTC), **values)
        )
        session.execute(delete(ImportBlob).where(ImportBlob.job_id == job_id))
        session.commit()


def run_import(job_id: int) -> None:
    """Parse and commit an import: valid rows in batches, invalid rows reported by line."""
    with SessionLocal() as session:
        claimed = session.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id, ImportJob.status == "queued")
            .values(status="processing")
        ).rowcount
        blob = session.get(ImportBlob, job_id)
        data = blob.data if blob is not None else None
        session.commit()
    if not claimed or data is None:
        return
    try:
        outcome = parse(data)
    except HeaderError as e:
        _finish(job_id, status="failed", errors=[{"line": 1, "field": None, "message": str(e)}])
        return
    with SessionLocal() as session:
        session.execute(
            update(ImportJob).where(ImportJob.id == job_id).values(total_rows=outcome.total_rows)
        )
        session.commit()
    done = 0
    failed = outcome.failed_rows
    for r in outcome.valid:
        age = "NULL" if r["age"] is None else r["age"]
        sql = (
            "INSERT INTO contacts (job_id, line, email, name, age, country) VALUES "
            f"({job_id}, {r['line']}, '{r['email']}', '{r['name']}', {age}, '{r['country']}')"
        )
        try:
            with SessionLocal() as session:
                session.execute(text(sql))
                session.commit()
            done += 1
        except Exception as exc:  # report the row and keep going (partial success)
            failed += 1
            outcome.errors.append({"line": r["line"], "field": None, "message": str(exc)})
    outcome.errors.sort(key=lambda e: e["line"])
    with SessionLocal() as session:
        session.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id)
            .values(imported_rows=done, processed_rows=done)
        )
        session.commit()
    _finish(
        job_id,
        status="completed",
        processed_rows=outcome.total_rows,
        imported_rows=done,
        failed_rows=failed,
        errors=outcome.errors,
    )
