"""Jobs are executed in the background and their state is shared by every worker process."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import counter_value, fetch, submit, unique, wait_final


@pytest.mark.critical
def test_echo_job_succeeds_with_result(client):
    message = unique("hello")
    job = submit(client, "echo", {"message": message})
    done = wait_final(job["id"])
    assert done["status"] == "succeeded", done
    assert done["result"] == {"echo": message}
    assert done["attempts"] == 1 and done["last_error"] is None, done


@pytest.mark.critical
def test_increment_job_changes_the_counter_once(client):
    name = unique("ctr")
    job = submit(client, "increment", {"counter": name, "amount": 7})
    done = wait_final(job["id"])
    assert done["status"] == "succeeded" and done["attempts"] == 1, done
    assert done["result"] == {"counter": name, "value": 7}
    assert counter_value(client, name) == 7


def test_running_state_is_visible_while_working(client):
    name = unique("ctr")
    job = submit(client, "increment", {"counter": name, "work_ms": 1500})
    seen, deadline = set(), time.monotonic() + 15
    while time.monotonic() < deadline:
        state = fetch(job["id"])
        seen.add(state["status"])
        if state["status"] == "running":
            assert state["attempts"] == 1, state
        if state["status"] in ("succeeded", "failed"):
            break
        time.sleep(0.05)
    assert "running" in seen, seen
    assert state["status"] == "succeeded", state
    assert counter_value(client, name) == 1


@pytest.mark.critical
def test_jobs_are_visible_from_every_worker(client):
    jobs = [submit(client, "echo", {"message": str(i)}) for i in range(8)]
    for job in jobs:
        for _ in range(3):
            assert fetch(job["id"])["id"] == job["id"]
    for i, job in enumerate(jobs):
        done = wait_final(job["id"])
        assert done["status"] == "succeeded" and done["result"] == {"echo": str(i)}, done
