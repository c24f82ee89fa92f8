"""Happy path: 202 + Location, completion, counts, committed rows queryable."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import HEADER, csv_bytes, email, records, submit, wait_done


@pytest.mark.critical
def test_valid_file_is_imported(client):
    people = [(email(), f"Person {i}", str(20 + i), "DE") for i in range(5)]
    data = csv_bytes([HEADER] + [",".join(p) for p in people])
    r = submit(client, data)
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    assert str(job_id) in r.headers.get("location", "")
    job = wait_done(client, job_id)
    assert job["status"] == "completed"
    assert (job["total_rows"], job["processed_rows"], job["imported_rows"], job["failed_rows"]) == (
        5,
        5,
        5,
        0,
    )
    assert job["errors"] == []
    got = records(client, job_id)
    assert [(r["line"], r["email"], r["name"], r["age"], r["country"]) for r in got] == [
        (i + 2, e, n, int(a), c) for i, (e, n, a, c) in enumerate(people)
    ]


def test_columns_in_any_order_and_optional_age(client):
    e1, e2 = email(), email()
    data = csv_bytes(["Country, NAME ,email,age", f"FR,Ann,{e1},", f"IT,  Bob  ,{e2.upper()},7"])
    job = wait_done(client, submit(client, data).json()["id"])
    assert job["status"] == "completed" and job["imported_rows"] == 2
    got = records(client, job["id"])
    assert [(r["email"], r["name"], r["age"], r["country"]) for r in got] == [
        (e1, "Ann", None, "FR"),
        (e2, "Bob", 7, "IT"),
    ]


def test_unknown_job_is_404(client):
    assert client.get("/imports/987654321").status_code == 404
    assert client.get("/imports/987654321/records").status_code == 404


def test_records_are_paginated_by_line(client):
    data = csv_bytes([HEADER] + [f"{email()},Row {i},{i},DE" for i in range(23)])
    job = wait_done(client, submit(client, data).json()["id"])
    seen = []
    for offset in range(0, 30, 10):
        r = client.get(f"/imports/{job['id']}/records", params={"limit": 10, "offset": offset})
        assert r.status_code == 200
        page = r.json()
        assert page["total"] == 23 and page["limit"] == 10 and page["offset"] == offset
        seen += [row["line"] for row in page["items"]]
    assert seen == list(range(2, 25))
    assert client.get(f"/imports/{job['id']}/records", params={"limit": 1001}).status_code == 422
