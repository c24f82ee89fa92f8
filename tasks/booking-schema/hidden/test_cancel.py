"""Cancellation frees the slot at once and is idempotent."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import at, book, booked, new_resource


@pytest.mark.critical
def test_cancel_frees_the_slot(client):
    rid = new_resource(client)
    b = booked(client, rid, at(14), at(15))
    r = client.post(f"/bookings/{b['id']}/cancel")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "cancelled"
    assert client.get(f"/bookings/{b['id']}").json()["status"] == "cancelled"
    again = book(client, rid, at(14), at(15))
    assert again.status_code == 201, (again.status_code, again.text)
    assert book(client, rid, at(14.5), at(15.5)).status_code == 409


def test_cancel_twice_is_200_and_changes_nothing(client):
    rid = new_resource(client)
    b = booked(client, rid, at(16), at(17))
    assert client.post(f"/bookings/{b['id']}/cancel").status_code == 200
    r = client.post(f"/bookings/{b['id']}/cancel")
    assert r.status_code == 200
    assert r.json()["status"] == "cancelled"
    booked(client, rid, at(16), at(17))
