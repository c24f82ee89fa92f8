"""With two worker processes sending, a delivered event reaches its subscriber exactly once."""

import os
import sys
import threading
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))

import httpx
import pytest
from helpers import BASE_URL, new_secret, received, sink, subscribe, unique_type, wait_received


@pytest.mark.critical
def test_burst_of_events_each_delivered_once(client):
    path, url = sink(200)
    event_type = unique_type()
    subscribe(client, url, [event_type], new_secret())
    count = 16
    barrier, ids, lock = threading.Barrier(count), [], threading.Lock()

    def fire(i: int) -> None:
        with httpx.Client(base_url=BASE_URL, timeout=60, verify=False) as c:
            barrier.wait()
            r = c.post("/events", json={"type": event_type, "data": {"i": i}})
            assert r.status_code == 202, r.text
            with lock:
                ids.append(r.json()["id"])

    threads = [threading.Thread(target=fire, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(ids) == count
    wait_received(path, count, timeout=20)
    time.sleep(1.0)
    seen = Counter(r.headers.get("x-webhook-id") for r in received(path))
    assert set(seen) == set(ids), seen
    assert max(seen.values()) == 1, {k: v for k, v in seen.items() if v > 1}
