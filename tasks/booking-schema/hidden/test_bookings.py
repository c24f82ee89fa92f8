"""Bookings: create and read back, validation of time ranges."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import at, book, booked, new_resource, parse


@pytest.mark.critical
def test_create_and_get_booking(client):
    rid = new_resource(client)
    b = booked(client, rid, at(9), at(10.5))
    assert b["status"] == "active"
    assert str(b["resource_id"]) == rid
    assert parse(b["start"]) == at(9) and parse(b["end"]) == at(10.5)
    got = client.get(f"/bookings/{b['id']}")
    assert got.status_code == 200
    assert parse(got.json()["start"]) == at(9)
    assert got.json()["status"] == "active"


def test_offsets_are_instants(client):
    rid = new_resource(client)
    b = booked(client, rid, "2031-03-10T11:00:00+02:00", "2031-03-10T12:00:00+02:00")
    assert parse(b["start"]) == at(9) and parse(b["end"]) == at(10)


def test_twelve_hours_is_allowed(client):
    rid = new_resource(client)
    assert book(client, rid, at(0), at(12)).status_code == 201


@pytest.mark.parametrize(
    "start,end",
    [
        (at(10), at(10)),
        (at(11), at(10)),
        (at(0), at(12.5)),
        ("2031-03-10T09:00:00", "2031-03-10T10:00:00"),
        ("tomorrow", "2031-03-10T10:00:00Z"),
    ],
    ids=["empty", "reversed", "over-12h", "no-offset", "garbage"],
)
def test_invalid_range_is_422(client, start, end):
    rid = new_resource(client)
    r = book(client, rid, start, end)
    assert r.status_code == 422, (r.status_code, r.text)


def test_unknown_resource_or_booking_is_404(client):
    assert book(client, str(uuid.uuid4()), at(9), at(10)).status_code == 404
    assert client.get(f"/bookings/{uuid.uuid4()}").status_code == 404
    assert client.post(f"/bookings/{uuid.uuid4()}/cancel").status_code == 404
