"""The served OpenAPI document describes the required operations with real schemas."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest
from helpers import (
    REQUIRED_OPS,
    RESPONSE_FIELDS,
    fetch_openapi,
    operation,
    property_names,
    resolve,
    response_schema,
)

IDS = [f"{m}-{p.rsplit('/', 1)[-1]}" for p, m in REQUIRED_OPS]


@pytest.mark.critical
def test_openapi_version(client):
    doc = fetch_openapi(client)
    assert str(doc.get("openapi", "")).startswith("3."), doc.get("openapi")
    assert isinstance(doc.get("paths"), dict)


@pytest.mark.critical
@pytest.mark.parametrize("path,method", REQUIRED_OPS, ids=IDS)
def test_required_operation_documented_with_response_schema(client, path, method):
    doc = fetch_openapi(client)
    names = property_names(doc, response_schema(doc, path, method))
    missing = set(RESPONSE_FIELDS[(path, method)]) - names
    assert not missing, f"{method.upper()} {path}: documented response lacks {sorted(missing)}"


@pytest.mark.parametrize("path,method", [op for op in REQUIRED_OPS if op[1] != "get"], ids=IDS[1:])
def test_request_body_documented(client, path, method):
    doc = fetch_openapi(client)
    body = resolve(doc, operation(doc, path, method).get("requestBody") or {})
    content = (body.get("content") or {}).get("application/json") or {}
    assert "schema" in content, f"{method.upper()} {path}: no JSON request schema"
    expected = {"put": {"channels"}, "post": {"category", "channel", "at"}}[method]
    assert expected <= property_names(doc, content["schema"])
