"""Prometheus metrics: exact counts, labelled by route template and status, bounded cardinality."""

import os
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_item, scrape, value

ROUTE = "/items/{item_id}"


@pytest.mark.critical
def test_counter_counts_by_route_template_and_status(client):
    items = [create_item(client) for _ in range(3)]
    before = scrape(client)
    for _ in range(4):
        for item in items:
            assert client.get(f"/items/{item['id']}").status_code == 200
    for _ in range(5):
        assert client.get(f"/items/{10**9 + 7}").status_code == 404
    time.sleep(0.2)  # let the last request finish its bookkeeping
    after = scrape(client)
    ok = value(after, "http_requests_total", method="GET", route=ROUTE, status="200")
    ok -= value(before, "http_requests_total", method="GET", route=ROUTE, status="200")
    missing = value(after, "http_requests_total", method="GET", route=ROUTE, status="404")
    missing -= value(before, "http_requests_total", method="GET", route=ROUTE, status="404")
    assert (ok, missing) == (12, 5)


@pytest.mark.critical
def test_raw_ids_never_become_labels(client):
    items = [create_item(client) for _ in range(5)]
    marker = uuid.uuid4().hex
    for item in items:
        client.get(f"/items/{item['id']}")
    for i in range(5):
        client.get(f"/no-such-page-{marker}-{i}")
    text = client.get("/metrics").text
    assert marker not in text
    for item in items:
        assert f'"/items/{item["id"]}"' not in text


def test_latency_histogram_by_route(client):
    item = create_item(client)
    before = scrape(client)
    for _ in range(6):
        client.get(f"/items/{item['id']}")
    time.sleep(0.2)  # let the last request finish its bookkeeping
    after = scrape(client)
    name = "http_request_duration_seconds"
    count = value(after, f"{name}_count", method="GET", route=ROUTE)
    count -= value(before, f"{name}_count", method="GET", route=ROUTE)
    assert count == 6
    assert value(after, f"{name}_sum", method="GET", route=ROUTE) > 0
    buckets = [s for s in after if s[0] == f"{name}_bucket" and s[1].get("route") == ROUTE]
    assert any(lab.get("le") == "+Inf" for _, lab, _ in buckets)


def test_post_counted_with_201(client):
    before = scrape(client)
    create_item(client)
    time.sleep(0.2)  # let the last request finish its bookkeeping
    after = scrape(client)
    delta = value(after, "http_requests_total", method="POST", route="/items", status="201")
    delta -= value(before, "http_requests_total", method="POST", route="/items", status="201")
    assert delta == 1
