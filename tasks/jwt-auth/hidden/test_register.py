"""Registration: 201, normalised unique emails, validation, no double registration under a burst."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_no_secrets, burst, login, new_email, new_password, register


@pytest.mark.critical
def test_register_returns_id_and_email_only(client):
    email, password = new_email(), new_password()
    r = client.post("/auth/register", json={"email": email, "password": password})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body.get("id") not in (None, "")
    assert body["email"] == email
    assert_no_secrets(r, password)


def test_email_is_stored_lowercase_and_login_ignores_case(client):
    email, password = new_email(), new_password()
    mixed = email.replace("user-", "User-").replace("example.com", "Example.COM")
    assert register(client, mixed, password)["email"] == email
    assert login(client, email.upper(), password).status_code == 200
    assert login(client, email, password).status_code == 200


@pytest.mark.critical
def test_duplicate_email_is_409_in_any_case(client):
    email, password = new_email(), new_password()
    register(client, email, password)
    for again in (email, email.upper()):
        r = client.post("/auth/register", json={"email": again, "password": new_password()})
        assert r.status_code == 409, (again, r.status_code, r.text)
        assert isinstance(r.json().get("detail"), str)
    assert login(client, email, password).status_code == 200, "the first password still works"


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email", "password": "long-enough-pw"},
        {"email": "user@", "password": "long-enough-pw"},
        {"email": "@example.com", "password": "long-enough-pw"},
        {"email": "NEW", "password": "short7!"},
        {"email": "NEW", "password": "x" * 129},
        {"email": "NEW"},
        {"password": "long-enough-pw"},
    ],
    ids=["no-at", "no-domain", "no-local", "pw-7", "pw-129", "no-password", "no-email"],
)
def test_invalid_registration_is_rejected(client, body):
    if body.get("email") == "NEW":
        body = {**body, "email": new_email()}
    r = client.post("/auth/register", json=body)
    assert r.status_code in (400, 422), (r.status_code, r.text)
    if "email" in body and "@example.com" in body["email"] and "password" in body:
        assert login(client, body["email"], body["password"]).status_code == 401


def test_password_length_boundaries_are_accepted(client):
    for password in ("8chars!!", "p" * 128):
        email = new_email()
        register(client, email, password)
        assert login(client, email, password).status_code == 200


@pytest.mark.critical
def test_concurrent_registration_has_one_winner(client):
    for _ in range(3):  # a check-then-insert race does not show every time
        email = new_email()
        passwords = [new_password() for _ in range(20)]
        bodies = [{"json": {"email": email, "password": p}} for p in passwords]
        responses = burst("POST", "/auth/register", bodies)
        codes = [r.status_code for r in responses]
        assert sorted(codes).count(201) == 1, codes
        assert sorted(codes).count(409) == 19, codes
        winner = passwords[codes.index(201)]
        assert login(client, email, winner).status_code == 200
