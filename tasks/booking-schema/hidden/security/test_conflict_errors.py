"""Task-specific probe: a double booking is refused by the database (exclusion constraint); the
409 must not hand the database's error text (constraint, SQL, parameters) to the client."""

import sys

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import at, book, booked, new_resource  # noqa: E402

ERROR_MARKERS = (
    "Traceback (most recent call last)",
    "sqlalchemy.",
    "psycopg",
    "IntegrityError",
    "ExclusionViolation",
    "violates exclusion constraint",
    "[SQL:",
    "INSERT INTO",
)


@pytest.mark.probe("TS-conflict-error-leak", cwe=209, critical=False)
def test_double_booking_conflict_reveals_no_internals(client):
    resource = new_resource(client)
    booked(client, resource, at(9, day=5), at(11, day=5))
    r = book(client, resource, at(10, day=5), at(12, day=5))
    assert r.status_code == 409, (r.status_code, r.text[:200])
    found = [m for m in ERROR_MARKERS if m in r.text]
    assert not found, f"database internals in the 409 response: {found}"
