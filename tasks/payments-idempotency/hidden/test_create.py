"""Creating and reading payments; the required headers."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import create, headers, list_payments, new_client_id, new_key, payment_body, replayed


@pytest.mark.critical
def test_create_returns_the_payment(client):
    cid = new_client_id()
    body = payment_body(amount=4321, currency="USD")
    r = create(client, cid, new_key(), body)
    assert r.status_code == 201, (r.status_code, r.text)
    p = r.json()
    assert {k: p[k] for k in ("amount", "currency", "description")} == body
    assert p["status"] == "succeeded" and isinstance(p["id"], str) and p["created_at"]
    assert not replayed(r)
    got = client.get(f"/payments/{p['id']}", headers=headers(cid))
    assert got.status_code == 200 and got.json()["id"] == p["id"]
    assert [x["id"] for x in list_payments(client, cid)] == [p["id"]]


def test_description_defaults_to_empty(client):
    r = create(client, new_client_id(), new_key(), {"amount": 10, "currency": "EUR"})
    assert r.status_code == 201, (r.status_code, r.text)
    assert r.json()["description"] == ""


@pytest.mark.critical
@pytest.mark.parametrize("key", [None, "", "k" * 256], ids=["missing", "empty", "too-long"])
def test_bad_idempotency_key_is_400(client, key):
    cid = new_client_id()
    h = headers(cid)
    if key is not None:
        h["Idempotency-Key"] = key
    r = client.post("/payments", json=payment_body(), headers=h)
    assert r.status_code == 400, (r.status_code, r.text)
    assert "detail" in r.json()
    assert list_payments(client, cid) == []


def test_missing_client_is_401(client):
    r = client.post("/payments", json=payment_body(), headers={"Idempotency-Key": new_key()})
    assert r.status_code == 401, (r.status_code, r.text)
    assert client.get("/payments").status_code == 401


@pytest.mark.parametrize(
    "body",
    [{"amount": 0, "currency": "EUR"}, {"amount": 5, "currency": "eur"}, {"currency": "EUR"}],
    ids=["zero-amount", "lower-currency", "no-amount"],
)
def test_invalid_body_is_422_and_creates_nothing(client, body):
    cid = new_client_id()
    r = create(client, cid, new_key(), body)
    assert r.status_code in (400, 422), (r.status_code, r.text)
    assert list_payments(client, cid) == []


def test_other_clients_payment_is_404(client):
    owner, other = new_client_id(), new_client_id()
    canary = f"CANARY-{new_key()}"
    p = create(client, owner, new_key(), payment_body(description=canary)).json()
    r = client.get(f"/payments/{p['id']}", headers=headers(other))
    assert r.status_code == 404, (r.status_code, r.text)
    assert canary not in r.text
    assert canary not in client.get("/payments", headers=headers(other)).text
