"""Latency: the report must not do a query per order/item, nor block the event loop.

Bounds are generous (the reference needs a third of each or less on an idle machine); the
original service misses each by several times. The full-year burst bound was 15 s until a
report that still runs a query per order and per item (about 14 s here, graded with one CPU)
passed it on a fast machine; the reference takes 0.7 s, so 6 s keeps a wide margin for load.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import httpx
import pytest
from helpers import GOLDEN, BASE_URL, timed_burst, view

FULL_YEAR = {"from": "2024-01-01", "to": "2024-12-31"}
ONE_CUSTOMER = {"from": "2024-01-01", "to": "2024-12-31", "customer_id": 7}


def _ok(results: list[object]) -> list[dict]:
    bad = [r for r in results if not isinstance(r, httpx.Response) or r.status_code != 200]
    assert not bad, [repr(b)[:200] for b in bad]
    return [r.json() for r in results]  # type: ignore[union-attr]


@pytest.mark.critical
def test_single_full_year_report_under_3_s():
    best = float("inf")
    with httpx.Client(base_url=BASE_URL, timeout=15) as c:
        c.get("/healthz")
        for _ in range(2):
            start = time.monotonic()
            try:
                r = c.get("/reports/sales", params=FULL_YEAR)
            except httpx.TimeoutException:
                pytest.fail("a single full-year report took more than 15 s")
            best = min(best, time.monotonic() - start)
            assert r.status_code == 200
    assert best < 3.0, f"full-year report took {best:.2f} s (bound 3.0 s)"


@pytest.mark.critical
def test_eight_concurrent_small_reports_under_2_5_s():
    wall, results = timed_burst([ONE_CUSTOMER] * 8, timeout=15)
    reports = _ok(results)
    assert all(view(r) == view(reports[0]) for r in reports)
    assert wall < 2.5, f"8 concurrent reports took {wall:.2f} s (bound 2.5 s)"


@pytest.mark.critical
def test_eight_concurrent_full_year_reports_under_6_s():
    wall, results = timed_burst([FULL_YEAR] * 8, timeout=40)
    reports = _ok(results)
    assert all(view(r) == view(GOLDEN[0]["report"]) for r in reports)
    assert wall < 6.0, f"8 concurrent full-year reports took {wall:.2f} s (bound 6 s)"
