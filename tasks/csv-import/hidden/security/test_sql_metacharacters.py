"""Task-specific probes: CSV values are attacker text that ends up in the database.

Rows whose values contain SQL metacharacters are valid rows under the contract (a name is any
1-100 characters, an e-mail may contain a quote), so they must be imported verbatim; and no
response may expose database internals.
"""

import sys
import uuid

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import HEADER, csv_bytes, records, run  # noqa: E402

ERROR_MARKERS = (
    "Traceback (most recent call last)",
    "sqlalchemy.",
    "sqlite3.",
    "psycopg",
    "OperationalError",
    "ProgrammingError",
    "IntegrityError",
    "syntax error",
    "[SQL:",
)


def _upload(client):
    tag = uuid.uuid4().hex[:8]
    rows = [
        (f"o'brien.{tag}@example.com", "Conan O'Brien", "DE"),
        (f"drop.{tag}@example.com", "x'); DELETE FROM contacts; --", "FR"),
        (f"union.{tag}@example.com", "' UNION SELECT NULL --", "GB"),
        (f"plain.{tag}@example.com", f"Plain {tag}", "SE"),
    ]
    lines = [HEADER] + [f'{e},"{n}",30,{c}' for e, n, c in rows]
    job = run(client, csv_bytes(lines))
    return rows, job


@pytest.mark.probe("TS-csv-sql-metacharacters", cwe=89, critical=False)
def test_values_with_sql_metacharacters_are_stored_verbatim(client):
    rows, job = _upload(client)
    assert job["status"] == "completed", job
    assert job["imported_rows"] == len(rows) and job["failed_rows"] == 0, job
    stored = {(r["email"], r["name"]) for r in records(client, job["id"])}
    assert stored == {(e, n) for e, n, _ in rows}, stored


@pytest.mark.probe("TS-import-error-leak", cwe=209, critical=False)
def test_job_reports_expose_no_database_internals(client):
    _, job = _upload(client)
    texts = [client.get(f"/imports/{job['id']}").text]
    texts.append(client.get(f"/imports/{job['id']}/records", params={"limit": 1000}).text)
    found = [m for m in ERROR_MARKERS for t in texts if m in t]
    assert not found, f"database internals in the job's report: {found[:3]}"
