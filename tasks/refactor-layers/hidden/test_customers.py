"""Customers and products behave as before the refactoring."""

import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import customer, product


@pytest.mark.critical
def test_create_and_get_customer(client):
    email = f"Mixed-{uuid.uuid4().hex[:8]}@Example.COM"
    r = client.post("/customers", json={"name": "Ann", "email": email, "tier": "gold"})
    assert r.status_code == 201, r.text
    c = r.json()
    assert (c["name"], c["email"], c["tier"]) == ("Ann", email.lower(), "gold")
    got = client.get(f"/customers/{c['id']}")
    assert got.status_code == 200 and got.json() == c


def test_tier_defaults_to_standard(client):
    r = client.post("/customers", json={"name": "Bo", "email": f"b-{uuid.uuid4().hex[:8]}@x.org"})
    assert r.status_code == 201 and r.json()["tier"] == "standard"


@pytest.mark.critical
def test_duplicate_email_is_409_case_insensitive(client):
    c = customer(client)
    r = client.post("/customers", json={"name": "Dup", "email": c["email"].upper()})
    assert r.status_code == 409, (r.status_code, r.text)


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "", "email": "a@b.co"},
        {"name": "x", "email": "not-an-email"},
        {"name": "x", "email": "a@b.co", "tier": "platinum"},
    ],
    ids=["empty-name", "bad-email", "bad-tier"],
)
def test_invalid_customer_is_422(client, payload):
    assert client.post("/customers", json=payload).status_code == 422


def test_unknown_customer_is_404(client):
    assert client.get("/customers/987654321").status_code == 404
    assert client.get("/customers/987654321/orders").status_code == 404
    assert client.get("/customers/987654321/summary").status_code == 404


def test_products(client):
    p = product(client, 1999)
    assert p["price_cents"] == 1999 and p["id"]
    assert client.post("/products", json={"name": "free", "price_cents": 0}).status_code == 422
