"""Listing bookings and availability in a window."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import at, booked, free_ranges, new_resource, parse, window


def test_list_bookings_in_window_sorted_without_cancelled(client):
    rid = new_resource(client)
    late = booked(client, rid, at(15), at(16))
    early = booked(client, rid, at(8), at(9.5))
    gone = booked(client, rid, at(11), at(12))
    booked(client, rid, at(18), at(19))  # outside the window
    assert client.post(f"/bookings/{gone['id']}/cancel").status_code == 200
    r = client.get(f"/resources/{rid}/bookings", params=window(at(9), at(17)))
    assert r.status_code == 200, r.text
    assert [b["id"] for b in r.json()] == [early["id"], late["id"]]
    assert all(b["status"] == "active" for b in r.json())


@pytest.mark.critical
def test_availability_gaps(client):
    rid = new_resource(client)
    booked(client, rid, at(9), at(10))
    booked(client, rid, at(10), at(11))  # back to back: no gap between them
    booked(client, rid, at(13), at(14.5))
    gone = booked(client, rid, at(15), at(16))
    assert client.post(f"/bookings/{gone['id']}/cancel").status_code == 200
    assert free_ranges(client, rid, at(8), at(18)) == [
        (at(8), at(9)),
        (at(11), at(13)),
        (at(14.5), at(18)),
    ]
    # clipped to the window
    assert free_ranges(client, rid, at(9.5), at(13.5)) == [(at(11), at(13))]
    r = client.get(f"/resources/{rid}/availability", params=window(at(8), at(18)))
    assert parse(r.json()["from"]) == at(8) and parse(r.json()["to"]) == at(18)


def test_empty_resource_is_free_in_whole_window(client):
    rid = new_resource(client)
    assert free_ranges(client, rid, at(0), at(0, day=3)) == [(at(0), at(0, day=3))]


@pytest.mark.parametrize("path", ["bookings", "availability"])
def test_invalid_window_is_422(client, path):
    rid = new_resource(client)
    for params in (
        window(at(10), at(9)),
        window(at(0), at(1, day=31)),
        {"from": "2031-03-10T09:00:00"},
    ):
        r = client.get(f"/resources/{rid}/{path}", params=params)
        assert r.status_code == 422, (params, r.status_code, r.text)
