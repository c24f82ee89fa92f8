"""Liveness never depends on the database; readiness does."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import set_db_down


def test_healthz_and_readyz_up(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


@pytest.mark.critical
def test_readyz_follows_the_database(client):
    try:
        set_db_down(client, True)
        ready = client.get("/readyz")
        assert ready.status_code == 503, (ready.status_code, ready.text)
        assert client.get("/healthz").status_code == 200
    finally:
        set_db_down(client, False)
    deadline = time.monotonic() + 5
    status = None
    while time.monotonic() < deadline:
        status = client.get("/readyz").status_code
        if status == 200:
            break
        time.sleep(0.2)
    assert status == 200, "readyz did not recover after the outage ended"


def test_readyz_answers_fast_during_outage(client):
    try:
        set_db_down(client, True)
        start = time.monotonic()
        r = client.get("/readyz")
        assert time.monotonic() - start < 3.0
        assert r.status_code == 503
    finally:
        set_db_down(client, False)
