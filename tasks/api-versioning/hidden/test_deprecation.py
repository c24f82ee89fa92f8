"""Every v1 response carries Deprecation, Sunset and a successor Link; v2 does not."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import assert_deprecated, email, v2_create


@pytest.mark.critical
def test_v1_success_responses_are_marked(client):
    r = client.post("/v1/customers", json={"name": "Dep Recated", "email": email()})
    assert r.status_code == 201
    assert_deprecated(r)
    assert_deprecated(client.get(f"/v1/customers/{r.json()['id']}"))
    assert_deprecated(client.get("/v1/customers"))


def test_v1_error_responses_are_marked(client):
    assert_deprecated(client.get("/v1/customers/987654321"))
    assert_deprecated(client.post("/v1/customers", json={"name": ""}))


def test_v2_is_not_marked(client):
    c = v2_create(client)
    r = client.get(f"/v2/customers/{c['id']}")
    assert r.status_code == 200
    assert "deprecation" not in r.headers and "sunset" not in r.headers
