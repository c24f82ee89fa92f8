"""The service publishes an OpenAPI document that matches the contract."""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pytest


def _doc(client) -> dict:
    r = client.get("/openapi.json")
    assert r.status_code == 200, r.text
    doc = r.json()
    assert str(doc.get("openapi", "")).startswith("3."), doc.get("openapi")
    return doc


def _item_path(doc: dict) -> str:
    paths = [p for p in doc["paths"] if re.fullmatch(r"/books/\{[^}/]+\}", p)]
    assert len(paths) == 1, list(doc["paths"])
    return paths[0]


def _resolve(doc: dict, schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        schema = doc["components"]["schemas"][name]
    return schema


@pytest.mark.critical
def test_paths_and_methods(client):
    doc = _doc(client)
    assert {"get", "post"} <= set(doc["paths"]["/books"])
    assert {"get", "put", "patch", "delete"} <= set(doc["paths"][_item_path(doc)])


def test_documented_status_codes(client):
    doc = _doc(client)
    item = doc["paths"][_item_path(doc)]
    assert "201" in doc["paths"]["/books"]["post"]["responses"]
    assert "204" in item["delete"]["responses"]
    assert "422" in doc["paths"]["/books"]["post"]["responses"]


def test_create_body_schema(client):
    doc = _doc(client)
    body = doc["paths"]["/books"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    schema = _resolve(doc, body)
    assert {"title", "author", "isbn", "published_year", "copies"} <= set(schema["properties"])
    assert {"title", "author", "isbn"} <= set(schema.get("required", []))
    assert not {"published_year", "copies"} & set(schema.get("required", []))
