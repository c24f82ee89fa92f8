"""No double booking: every kind of overlap is 409, touching ranges are fine."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import at, book, booked, new_resource


@pytest.mark.critical
@pytest.mark.parametrize(
    "start,end",
    [(10, 11), (9.5, 10.5), (10.5, 11.5), (10.25, 10.75), (9, 12)],
    ids=["same", "overlaps-start", "overlaps-end", "inside", "encloses"],
)
def test_overlapping_booking_is_409(client, start, end):
    rid = new_resource(client)
    booked(client, rid, at(10), at(11))
    r = book(client, rid, at(start), at(end))
    assert r.status_code == 409, (r.status_code, r.text)
    assert isinstance(r.json().get("detail"), str)


@pytest.mark.critical
def test_back_to_back_bookings_are_allowed(client):
    rid = new_resource(client)
    booked(client, rid, at(10), at(11))
    assert book(client, rid, at(11), at(12)).status_code == 201
    assert book(client, rid, at(9), at(10)).status_code == 201
    assert book(client, rid, at(10.5), at(11.5)).status_code == 409


def test_same_instant_with_other_offset_conflicts(client):
    rid = new_resource(client)
    booked(client, rid, at(10), at(11))
    r = book(client, rid, "2031-03-10T12:30:00+02:00", "2031-03-10T13:30:00+02:00")
    assert r.status_code == 409, (r.status_code, r.text)
    r = book(client, rid, "2031-03-10T06:00:00-05:00", "2031-03-10T07:00:00-05:00")
    assert r.status_code == 201, (r.status_code, r.text)


def test_other_resources_do_not_conflict(client):
    a, b = new_resource(client), new_resource(client)
    booked(client, a, at(10), at(11))
    assert book(client, b, at(10), at(11)).status_code == 201
