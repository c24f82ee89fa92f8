"""Shared helpers for the slow-endpoint-fix hidden tests (imported, never collected)."""

import json
import os
import threading
import time
import uuid
from pathlib import Path

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
GOLDEN = json.loads((Path(__file__).parent / "golden.json").read_text())
REPORT_FIELDS = ("category", "orders", "units", "revenue_cents", "tax_rate_bp", "tax_cents")
TOP_FIELDS = ("from", "to", "customer_id", "order_count", "total_revenue_cents", "total_tax_cents")


def slow_client(timeout: float = 60.0) -> httpx.Client:
    return httpx.Client(base_url=BASE_URL, timeout=timeout)


def view(report: dict) -> dict:
    """The contract's fields only (extra fields are allowed)."""
    out = {k: report.get(k) for k in TOP_FIELDS}
    out["categories"] = [{k: c.get(k) for k in REPORT_FIELDS} for c in report["categories"]]
    return out


def new_name() -> str:
    return f"cust-{uuid.uuid4().hex[:10]}"


def timed_burst(params: list[dict], timeout: float) -> tuple[float, list[object]]:
    """GET /reports/sales once per params dict, all released at the same moment from their own
    threads over pre-opened connections. Returns (wall seconds, responses or exceptions)."""
    barrier = threading.Barrier(len(params))
    starts: list[float] = [0.0] * len(params)
    ends: list[float] = [0.0] * len(params)
    results: list[object] = [None] * len(params)

    def send(i: int) -> None:
        with httpx.Client(base_url=BASE_URL, timeout=timeout) as c:
            c.get("/healthz")
            barrier.wait()
            starts[i] = time.monotonic()
            try:
                results[i] = c.get("/reports/sales", params=params[i])
            except httpx.HTTPError as e:
                results[i] = e
            ends[i] = time.monotonic()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(params))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return max(ends) - min(starts), results
