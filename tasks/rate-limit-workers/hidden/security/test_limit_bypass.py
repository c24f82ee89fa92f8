"""Task-specific probes: the rate limit cannot be outrun with a burst, and one noisy client
cannot lock the others out."""

import sys

import pytest

sys.path.insert(0, "/grader/tests")  # the functional suite's helpers

from helpers import LIMIT, burst_in_one_window, fresh_request, key_headers, new_key  # noqa: E402


@pytest.mark.probe("TS-burst-over-limit", cwe=770, critical=False)
def test_a_burst_on_both_workers_gets_at_most_the_limit():
    def make():
        key = new_key("probe-burst")
        return [("GET", "/api/ping", {"headers": key_headers(key)})] * (LIMIT * 3), key

    responses, _ = burst_in_one_window(make)
    served = sum(r.status_code == 200 for r in responses)
    assert served <= LIMIT, f"a burst of {LIMIT * 3} got {served} requests served (limit {LIMIT})"


@pytest.mark.probe("TS-noisy-neighbour", cwe=400, critical=False)
def test_one_client_exhausting_its_budget_does_not_block_another():
    noisy, quiet = new_key("probe-noisy"), new_key("probe-quiet")
    for _ in range(LIMIT + 3):
        fresh_request("GET", "/api/ping", headers=key_headers(noisy))
    r = fresh_request("GET", "/api/ping", headers=key_headers(quiet))
    assert r.status_code == 200, f"a fresh client got {r.status_code} after another used its budget"
