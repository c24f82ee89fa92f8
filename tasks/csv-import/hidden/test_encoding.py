"""BOM and CRLF files import like plain LF files."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import HEADER, csv_bytes, email, error_lines, records, run


@pytest.mark.critical
def test_bom_is_ignored(client):
    e = email()
    job = run(client, csv_bytes([HEADER, f"{e},Zoë Ünal,29,AT"], bom=True))
    assert job["status"] == "completed" and job["imported_rows"] == 1, job
    got = records(client, job["id"])
    assert got[0]["email"] == e and got[0]["name"] == "Zoë Ünal"


@pytest.mark.critical
def test_crlf_line_endings(client):
    lines = [HEADER, f"{email()},Crlf One,1,DE", "nope,,,", f'{email()},"Crlf, Two",2,DE']
    job = run(client, csv_bytes(lines, newline="\r\n", bom=True))
    assert job["status"] == "completed"
    assert (job["imported_rows"], job["failed_rows"]) == (2, 1)
    assert error_lines(job) == [3]
    got = records(client, job["id"])
    assert [(r["line"], r["name"], r["age"]) for r in got] == [
        (2, "Crlf One", 1),
        (4, "Crlf, Two", 2),
    ]
