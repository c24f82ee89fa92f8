"""Reserve, confirm and release move stock exactly as specified."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create_product, product, reserve


def _counts(p: dict) -> tuple[int, int, int]:
    return p["on_hand"], p["reserved"], p["available"]


@pytest.mark.critical
def test_reserve_confirm_release_flow(client):
    p = create_product(client, on_hand=10)
    assert _counts(p) == (10, 0, 10)
    a = reserve(client, p["id"], 3)
    assert a.status_code == 201, a.text
    assert a.json()["status"] == "pending" and a.json()["quantity"] == 3
    assert _counts(product(client, p["id"])) == (10, 3, 7)
    b = reserve(client, p["id"], 4).json()
    assert _counts(product(client, p["id"])) == (10, 7, 3)
    r = client.post(f"/reservations/{a.json()['id']}/confirm")
    assert r.status_code == 200 and r.json()["status"] == "confirmed", r.text
    assert _counts(product(client, p["id"])) == (7, 4, 3)
    r = client.post(f"/reservations/{b['id']}/release")
    assert r.status_code == 200 and r.json()["status"] == "released", r.text
    assert _counts(product(client, p["id"])) == (7, 0, 7)
    assert client.get(f"/reservations/{b['id']}").json()["status"] == "released"


@pytest.mark.critical
def test_cannot_reserve_more_than_available(client):
    p = create_product(client, on_hand=5)
    assert reserve(client, p["id"], 4).status_code == 201
    r = reserve(client, p["id"], 2)
    assert r.status_code == 409, (r.status_code, r.text)
    assert reserve(client, p["id"], 1).status_code == 201
    assert _counts(product(client, p["id"])) == (5, 5, 0)


def test_final_states_are_final(client):
    p = create_product(client, on_hand=5)
    a = reserve(client, p["id"], 1).json()["id"]
    b = reserve(client, p["id"], 1).json()["id"]
    assert client.post(f"/reservations/{a}/confirm").status_code == 200
    assert client.post(f"/reservations/{a}/confirm").status_code == 200  # idempotent
    assert client.post(f"/reservations/{a}/release").status_code == 409
    assert client.post(f"/reservations/{b}/release").status_code == 200
    assert client.post(f"/reservations/{b}/release").status_code == 200  # idempotent
    assert client.post(f"/reservations/{b}/confirm").status_code == 409
    assert _counts(product(client, p["id"])) == (4, 0, 4)


def test_not_found_and_validation(client):
    p = create_product(client, on_hand=1)
    # Unknown ids of the service's own id type (ids may be integers or strings), and numeric
    # path ids, which are valid for both: a type mismatch could be a 422 instead of the 404.
    unknown = 987654321 if isinstance(p["id"], int) else "987654321"
    assert reserve(client, unknown, 1).status_code == 404
    assert client.get("/products/987654321").status_code == 404
    assert client.get("/reservations/987654321").status_code == 404
    assert client.post("/reservations/987654321/confirm").status_code == 404
    for q in (0, -1):
        assert reserve(client, p["id"], q).status_code in (400, 422)
    bad = client.post("/products", json={"sku": "x", "name": "y", "on_hand": -1})
    assert bad.status_code in (400, 422)


def test_duplicate_sku_is_409(client):
    p = create_product(client, on_hand=1)
    r = client.post("/products", json={"sku": p["sku"], "name": "again", "on_hand": 1})
    assert r.status_code == 409, r.text
