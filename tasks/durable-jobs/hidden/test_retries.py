"""Failed attempts are retried after an exponential backoff, and every attempt is counted."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import BACKOFF, fetch, submit, wait_final


@pytest.mark.critical
def test_flaky_job_succeeds_after_its_planned_failures(client):
    job = submit(client, "flaky", {"fail_times": 2})
    done = wait_final(job["id"])
    assert done["status"] == "succeeded", done
    assert done["attempts"] == 3, done
    assert done["result"] == {"succeeded_on_attempt": 3}, done


def test_flaky_job_without_failures_runs_once(client):
    job = submit(client, "flaky", {"fail_times": 0})
    done = wait_final(job["id"])
    assert done["status"] == "succeeded" and done["attempts"] == 1, done
    assert done["result"] == {"succeeded_on_attempt": 1}


def test_retries_wait_for_the_backoff(client):
    start = time.monotonic()
    job = submit(client, "flaky", {"fail_times": 2})
    done = wait_final(job["id"])
    elapsed = time.monotonic() - start
    assert done["status"] == "succeeded" and done["attempts"] == 3, done
    # two waits: BACKOFF after attempt 1 and 2 * BACKOFF after attempt 2
    assert elapsed >= 0.8 * 3 * BACKOFF, f"3 attempts took only {elapsed:.2f} s"


def test_error_of_the_last_failed_attempt_is_kept_while_retrying(client):
    job = submit(client, "flaky", {"fail_times": 1})
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = fetch(job["id"])
        if state["attempts"] >= 1 and state["status"] == "queued":
            assert isinstance(state["last_error"], str) and state["last_error"], state
            break
        if state["status"] in ("succeeded", "failed"):
            break
        time.sleep(0.03)
    done = wait_final(job["id"])
    assert done["status"] == "succeeded" and done["attempts"] == 2, done
