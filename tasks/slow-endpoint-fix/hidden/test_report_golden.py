"""The sales report over the seeded 2024 history is exactly what the original service returned."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import GOLDEN, slow_client, view

CASES = [pytest.param(g, id="-".join(f"{k}={v}" for k, v in g["params"].items())) for g in GOLDEN]


@pytest.mark.critical
@pytest.mark.parametrize("golden", CASES)
def test_report_matches_original(golden):
    with slow_client() as c:
        r = c.get("/reports/sales", params=golden["params"])
    assert r.status_code == 200, (r.status_code, r.text[:500])
    assert view(r.json()) == view(golden["report"])
