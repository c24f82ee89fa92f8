"""New writes: first/last names, the legacy full_name shape, validation, uniqueness."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import by_email, create, email


@pytest.mark.critical
def test_create_with_first_and_last_name(client):
    address = email()
    c = create(client, {"first_name": " Katherine ", "last_name": "Johnson", "email": address})
    assert (c["first_name"], c["last_name"], c["full_name"]) == (
        "Katherine",
        "Johnson",
        "Katherine Johnson",
    )
    assert by_email(client, address)["id"] == c["id"]
    assert client.get(f"/customers/{c['id']}").json()["last_name"] == "Johnson"


def test_last_name_is_optional(client):
    c = create(client, {"first_name": "Madonna", "email": email()})
    assert (c["last_name"], c["full_name"]) == ("", "Madonna")


def test_legacy_full_name_is_split_on_write(client):
    c = create(client, {"full_name": "  Jean  Bartik\tJennings ", "email": email()})
    assert (c["first_name"], c["last_name"], c["full_name"]) == (
        "Jean Bartik",
        "Jennings",
        "Jean Bartik Jennings",
    )


def test_first_name_wins_over_full_name(client):
    c = create(
        client, {"first_name": "Ann", "last_name": "Lee", "full_name": "X Y", "email": email()}
    )
    assert (c["first_name"], c["last_name"]) == ("Ann", "Lee")


@pytest.mark.parametrize(
    "body",
    [{}, {"first_name": ""}, {"first_name": "   "}, {"full_name": "   "}, {"last_name": "Only"}],
    ids=["none", "empty-first", "blank-first", "blank-full", "only-last"],
)
def test_missing_name_is_422(client, body):
    r = client.post("/customers", json={**body, "email": email()})
    assert r.status_code == 422, (body, r.status_code, r.text)


def test_duplicate_email_is_409_and_unknown_is_404(client):
    address = email()
    create(client, {"first_name": "Dup", "email": address})
    r = client.post("/customers", json={"first_name": "Dup2", "email": address.upper()})
    assert r.status_code == 409, r.text
    assert client.get("/customers/987654321").status_code == 404
    assert client.get("/customers/987654321/orders").status_code == 404
