"""A pending reservation stops holding stock once RESERVATION_TTL_SECONDS have passed."""

import os
import sys
import time
from datetime import datetime

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import TTL, create_product, product, reserve


@pytest.mark.critical
def test_expired_reservation_releases_stock(client):
    p = create_product(client, on_hand=4)
    r = reserve(client, p["id"], 4)
    assert r.status_code == 201, r.text
    res = r.json()
    created = datetime.fromisoformat(res["created_at"].replace("Z", "+00:00"))
    expires = datetime.fromisoformat(res["expires_at"].replace("Z", "+00:00"))
    assert abs((expires - created).total_seconds() - TTL) < 0.5
    assert reserve(client, p["id"], 1).status_code == 409
    time.sleep(TTL + 0.7)
    assert product(client, p["id"])["available"] == 4
    assert client.get(f"/reservations/{res['id']}").json()["status"] == "expired"
    assert client.post(f"/reservations/{res['id']}/confirm").status_code == 409
    assert reserve(client, p["id"], 4).status_code == 201
    assert product(client, p["id"])["on_hand"] == 4
