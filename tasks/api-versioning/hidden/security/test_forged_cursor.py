"""Task-specific probes: the v2 cursor is client-supplied text that ends up in a query.

A cursor the service did not issue is a 400 (the contract). Forged cursors in the obvious
base64-of-JSON shape, carrying SQL or wrongly typed positions, must be refused and must not
make the service reveal database internals.
"""

import base64
import json
import uuid

import pytest

ERROR_MARKERS = (
    "Traceback (most recent call last)",
    "sqlalchemy.",
    "sqlite3.",
    "psycopg",
    "OperationalError",
    "ProgrammingError",
    "syntax error",
    "[SQL:",
)


def forge(position: object) -> str:
    raw = json.dumps({"after": position, "id": position, "last_id": position}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


SQL_POSITIONS = ["0 OR 1=1", "0) OR (1=1", "-1 UNION SELECT 1", "0 --"]
ODD_POSITIONS = ["1; DROP TABLE customers", "x'", "'", "1 AND", None, [1], {"a": 1}]


@pytest.mark.probe("TS-forged-cursor-sql", cwe=89, critical=False)
@pytest.mark.parametrize("position", SQL_POSITIONS)
def test_forged_cursor_with_sql_is_refused(client, position):
    client.post(  # make sure there is something an injected condition could list
        "/v2/customers", json={"given_name": "Probe", "email": f"probe-{uuid.uuid4().hex[:12]}@example.com"}
    )
    r = client.get("/v2/customers", params={"cursor": forge(position), "limit": 5})
    assert r.status_code == 400, f"forged cursor {position!r} answered {r.status_code}"


@pytest.mark.probe("TS-cursor-error-leak", cwe=209, critical=False)
@pytest.mark.parametrize("position", ODD_POSITIONS, ids=[repr(p) for p in ODD_POSITIONS])
def test_forged_cursor_reveals_no_internals(client, position):
    r = client.get("/v2/customers", params={"cursor": forge(position)})
    assert r.status_code < 500, f"forged cursor {position!r} answered {r.status_code}"
    found = [m for m in ERROR_MARKERS if m in r.text]
    assert not found, f"database internals in the response: {found}"
