"""Registration: 201, lower-cased emails unique regardless of case, validation."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_no_secrets, login, new_email, new_password, register


@pytest.mark.critical
def test_register_returns_id_and_email(client):
    email, password = new_email(), new_password()
    r = client.post("/auth/register", json={"email": email, "password": password})
    assert r.status_code == 201, r.text
    assert r.json().get("id") not in (None, "")
    assert r.json()["email"] == email
    assert_no_secrets(r, password)


@pytest.mark.critical
def test_email_is_unique_regardless_of_case(client):
    email, password = new_email(), new_password()
    mixed = email.replace("user-", "User-").replace("example.com", "Example.COM")
    assert register(client, mixed, password)["email"] == email
    for again in (email, email.upper()):
        r = client.post("/auth/register", json={"email": again, "password": new_password()})
        assert r.status_code == 409, (again, r.status_code, r.text)
    assert login(client, email.upper(), password).status_code == 200
    assert login(client, email, password).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email", "password": "long-enough-pw"},
        {"email": "NEW", "password": "short7!"},
        {"email": "NEW", "password": "x" * 129},
        {"email": "NEW"},
    ],
    ids=["bad-email", "pw-7", "pw-129", "no-password"],
)
def test_invalid_registration_is_rejected(client, body):
    if body.get("email") == "NEW":
        body = {**body, "email": new_email()}
    r = client.post("/auth/register", json=body)
    assert r.status_code in (400, 422), (r.status_code, r.text)
