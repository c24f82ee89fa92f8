"""Simultaneous requests for one slot (two workers): exactly one wins."""

import itertools
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import at, burst, iso, new_resource, parse


def _body(rid: str, start: float, end: float) -> dict:
    return {
        "json": {
            "resource_id": rid,
            "start": iso(at(start)),
            "end": iso(at(end)),
            "customer": f"c-{uuid.uuid4().hex[:6]}",
        }
    }


@pytest.mark.critical
def test_same_slot_burst_has_one_winner(client):
    for _ in range(2):
        rid = new_resource(client)
        codes = [r.status_code for r in burst("POST", "/bookings", [_body(rid, 10, 11)] * 16)]
        assert codes.count(201) == 1, codes
        assert codes.count(409) == 15, codes


def test_overlapping_burst_leaves_no_overlap(client):
    rid = new_resource(client)
    bodies = [_body(rid, 8 + i * 0.25, 9 + i * 0.25) for i in range(16)]
    codes = [r.status_code for r in burst("POST", "/bookings", bodies)]
    assert set(codes) <= {201, 409}, codes
    r = client.get(f"/resources/{rid}/bookings", params={"from": iso(at(0)), "to": iso(at(24))})
    ranges = sorted((parse(b["start"]), parse(b["end"])) for b in r.json())
    assert len(ranges) == codes.count(201) >= 1
    for (_, end), (start, _) in itertools.pairwise(ranges):
        assert end <= start, ranges
