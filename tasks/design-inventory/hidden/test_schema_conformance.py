"""Live responses conform to the schemas the service documents for them."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import httpx
import pytest
from helpers import create_product, documented_schema, reserve, schema_errors


@pytest.fixture(scope="module")
def openapi(base_url):
    with httpx.Client(base_url=base_url, timeout=10) as c:
        return c.get("/design/openapi.json").json()


def _check(openapi, method, path, status, r):
    assert r.status_code == int(status), (r.status_code, r.text)
    schema = documented_schema(openapi, method, path, status)
    errors = schema_errors(openapi, schema, r.json())
    assert not errors, errors


@pytest.mark.critical
def test_product_responses_conform(client, openapi):
    sku = f"SKU-{os.urandom(6).hex()}"
    created = client.post("/products", json={"sku": sku, "name": "Lamp", "on_hand": 3})
    _check(openapi, "post", "/products", "201", created)
    _check(openapi, "get", "/products/{}", "200", client.get(f"/products/{created.json()['id']}"))


@pytest.mark.critical
def test_reservation_responses_conform(client, openapi):
    p = create_product(client, on_hand=5)
    first = reserve(client, p["id"], 2)
    _check(openapi, "post", "/reservations", "201", first)
    rid = first.json()["id"]
    _check(openapi, "get", "/reservations/{}", "200", client.get(f"/reservations/{rid}"))
    _check(openapi, "post", "/reservations/{}/confirm", "200", client.post(f"/reservations/{rid}/confirm"))
    second = reserve(client, p["id"], 1).json()["id"]
    _check(openapi, "post", "/reservations/{}/release", "200", client.post(f"/reservations/{second}/release"))
