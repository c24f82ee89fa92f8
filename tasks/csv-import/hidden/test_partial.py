"""Invalid rows are reported by line; valid rows are still committed."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import HEADER, csv_bytes, email, error_lines, records, run


@pytest.mark.critical
def test_bad_rows_reported_good_rows_committed(client):
    lines = [
        HEADER,
        f"{email()},Good One,30,DE",  # 2
        "not-an-email,Bad Email,30,DE",  # 3
        f"{email()},Good Two,,NL",  # 4
        f"{email()},Bad Age,abc,NL",  # 5
        f"{email()},Bad Age Range,151,NL",  # 6
        f"{email()},,40,FR",  # 7 empty name
        f"{email()},Bad Country,40,fra",  # 8
        f"{email()},Too,Many,DE,x",  # 9 wrong field count
        f"{email()},Good Three,150,SE",  # 10
    ]
    job = run(client, csv_bytes(lines))
    assert job["status"] == "completed"
    assert (job["total_rows"], job["imported_rows"], job["failed_rows"]) == (9, 3, 6)
    assert error_lines(job) == [3, 5, 6, 7, 8, 9]
    by_line = {e["line"]: e for e in job["errors"]}
    assert by_line[3]["field"] == "email" and by_line[5]["field"] == "age"
    assert by_line[7]["field"] == "name" and by_line[8]["field"] == "country"
    assert [r["line"] for r in records(client, job["id"])] == [2, 4, 10]


def test_row_with_several_errors_counts_once(client):
    job = run(client, csv_bytes([HEADER, "bad,,999,x", f"{email()},Fine,1,US"]))
    assert job["failed_rows"] == 1 and job["imported_rows"] == 1
    assert {e["field"] for e in job["errors"]} == {"email", "name", "age", "country"}
    assert error_lines(job) == [2]


def test_missing_column_fails_the_import(client):
    job = run(client, csv_bytes(["email,name,age", f"{email()},No Country,3"]))
    assert job["status"] == "failed"
    assert job["imported_rows"] == 0 and error_lines(job) == [1]
    assert records(client, job["id"]) == []
