"""Line numbers are physical lines where a record starts (header = line 1)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import HEADER, csv_bytes, email, error_lines, records, run


@pytest.mark.critical
def test_first_data_line_is_2(client):
    job = run(client, csv_bytes([HEADER, "broken,,,", f"{email()},Ok,1,DE", "also broken,,,"]))
    assert error_lines(job) == [2, 4]
    assert [r["line"] for r in records(client, job["id"])] == [3]


def test_multiline_quoted_field_and_blank_lines(client):
    lines = [
        HEADER,
        f'{email()},"Smith, Jane ""JJ""",33,GB',  # 2
        f'{email()},"Line one',  # 3 (record spans lines 3-4)
        'line two",44,GB',
        "",  # 5 blank, skipped
        "bad-email,X,1,GB",  # 6
        f"{email()},Ok,2,GB",  # 7
    ]
    job = run(client, csv_bytes(lines))
    assert (job["total_rows"], job["imported_rows"], job["failed_rows"]) == (4, 3, 1)
    assert error_lines(job) == [6]
    got = records(client, job["id"])
    assert [r["line"] for r in got] == [2, 3, 7]
    assert got[0]["name"] == 'Smith, Jane "JJ"'
    assert got[1]["name"] in ("Line one\nline two", "Line one\r\nline two")
