"""After JOB_MAX_ATTEMPTS failed attempts a job is failed (dead-lettered) and never run again."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import BACKOFF, MAX_ATTEMPTS, fetch, submit, wait_final


@pytest.mark.critical
def test_job_failing_too_often_is_dead_lettered(client):
    job = submit(client, "flaky", {"fail_times": MAX_ATTEMPTS + 2})
    done = wait_final(job["id"], timeout=20)
    assert done["status"] == "failed", done
    assert done["attempts"] == MAX_ATTEMPTS, done
    assert isinstance(done["last_error"], str) and done["last_error"], done
    assert done["result"] is None
    time.sleep(max(1.0, 2 * BACKOFF))
    later = fetch(job["id"])
    assert later["status"] == "failed" and later["attempts"] == MAX_ATTEMPTS, later


def test_dead_letters_are_listed_by_status(client):
    dead = submit(client, "flaky", {"fail_times": 10})
    ok = submit(client, "echo", {"message": "fine"})
    assert wait_final(dead["id"], timeout=20)["status"] == "failed"
    assert wait_final(ok["id"])["status"] == "succeeded"
    r = client.get("/jobs", params={"status": "failed", "limit": 1000})
    assert r.status_code == 200, r.text
    ids = {j["id"] for j in r.json()}
    assert dead["id"] in ids and ok["id"] not in ids
    assert all(j["status"] == "failed" for j in r.json())


def test_job_succeeding_on_the_last_allowed_attempt_is_not_dead(client):
    job = submit(client, "flaky", {"fail_times": MAX_ATTEMPTS - 1})
    done = wait_final(job["id"], timeout=20)
    assert done["status"] == "succeeded" and done["attempts"] == MAX_ATTEMPTS, done
