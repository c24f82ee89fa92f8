"""Repeated reads are served from the shared cache: no recomputation, on either worker."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import DELAY_MS, Runs, create_product, fresh, timed_get, unique


@pytest.mark.critical
def test_repeated_product_reads_price_once(client):
    p = create_product(client)
    with Runs(client) as runs:
        bodies = [fresh("GET", f"/products/{p['id']}").json() for _ in range(5)]
    assert runs.pricing == 1, f"pricing ran {runs.pricing} times for 5 identical reads"
    assert all(b == bodies[0] for b in bodies)


@pytest.mark.critical
def test_repeated_summary_reads_compute_once(client):
    cat = unique("hits")
    create_product(client, category=cat)
    with Runs(client) as runs:
        bodies = [
            fresh("GET", "/catalog/summary", params={"category": cat}).json() for _ in range(5)
        ]
    assert runs.summary == 1, f"analytics ran {runs.summary} times for 5 identical reads"
    assert all(b == bodies[0] and b["product_count"] == 1 for b in bodies)


def test_cached_reads_are_fast(client):
    p = create_product(client)
    first, cold = timed_get(f"/products/{p['id']}")
    assert first.status_code == 200
    warm = min(timed_get(f"/products/{p['id']}")[1] for _ in range(5))
    assert cold >= DELAY_MS / 1000 * 0.9, f"cold read took {cold:.3f} s; is the delay still there?"
    assert warm < DELAY_MS / 1000 / 2, f"fastest warm read took {warm:.3f} s"
