"""With two worker processes polling the same queue, every job is executed exactly once."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import counter_value, parallel_submit, unique, wait_final


@pytest.mark.critical
def test_burst_of_jobs_each_executed_exactly_once(client):
    name = unique("ctr")
    amounts = [2**i for i in range(16)]
    jobs = parallel_submit(
        [("increment", {"counter": name, "amount": a, "work_ms": 60}) for a in amounts]
    )
    finals = [wait_final(j["id"], timeout=30) for j in jobs]
    assert all(f["status"] == "succeeded" for f in finals), finals
    assert [f["attempts"] for f in finals] == [1] * len(finals), finals
    assert counter_value(client, name) == sum(amounts)


def test_retried_jobs_are_not_duplicated_either(client):
    jobs = parallel_submit([("flaky", {"fail_times": 1}) for _ in range(6)])
    finals = [wait_final(j["id"], timeout=30) for j in jobs]
    for f in finals:
        assert f["status"] == "succeeded" and f["attempts"] == 2, f
        assert f["result"] == {"succeeded_on_attempt": 2}
