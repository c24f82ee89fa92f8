"""Shared helpers for the design-inventory hidden tests (imported, never collected)."""

import os
import re
import threading
import uuid

import httpx

BASE_URL = os.environ.get("BASE_URL", "http://app:8000")
TTL = float(os.environ.get("RESERVATION_TTL_SECONDS", "2"))

REQUIRED_OPERATIONS = [
    ("post", "/products", "201"),
    ("get", "/products/{}", "200"),
    ("post", "/reservations", "201"),
    ("get", "/reservations/{}", "200"),
    ("post", "/reservations/{}/confirm", "200"),
    ("post", "/reservations/{}/release", "200"),
]


def normalise(path: str) -> str:
    """`/products/{product_id}` -> `/products/{}` (parameter names are free)."""
    return re.sub(r"\{[^}]*\}", "{}", path.rstrip("/") or "/")


def create_product(client: httpx.Client, on_hand: int = 10) -> dict:
    r = client.post(
        "/products",
        json={"sku": f"SKU-{uuid.uuid4().hex[:12]}", "name": "Widget", "on_hand": on_hand},
    )
    assert r.status_code == 201, (r.status_code, r.text)
    return r.json()


def reserve(client: httpx.Client, product_id, quantity: int) -> httpx.Response:
    return client.post("/reservations", json={"product_id": product_id, "quantity": quantity})


def product(client: httpx.Client, product_id) -> dict:
    r = client.get(f"/products/{product_id}")
    assert r.status_code == 200, (r.status_code, r.text)
    return r.json()


def burst(method: str, kwargs_list: list[dict]) -> list[httpx.Response]:
    """One request per kwargs dict (each with 'url'), all released together from own threads."""
    barrier = threading.Barrier(len(kwargs_list))
    results: list[object] = [None] * len(kwargs_list)

    def send(i: int) -> None:
        with httpx.Client(base_url=BASE_URL, timeout=30) as c:
            c.get("/healthz")
            barrier.wait()
            try:
                results[i] = c.request(method, **kwargs_list[i])
            except httpx.HTTPError as e:
                results[i] = e

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(kwargs_list))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [r for r in results if not isinstance(r, httpx.Response)]
    assert not errors, errors
    return results  # type: ignore[return-value]


# ---- a small JSON-schema subset checker (enough for OpenAPI 3.0/3.1 response schemas) ----

_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def resolve(doc: dict, schema: dict) -> dict:
    seen = 0
    while "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), f"only local $ref supported: {ref}"
        node: object = doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]  # type: ignore[index]
        schema = node  # type: ignore[assignment]
        seen += 1
        assert seen < 50, "cyclic $ref"
    return schema


def schema_errors(doc: dict, schema: dict, value: object, where: str = "$") -> list[str]:
    """Violations of `schema` by `value` (type, required, properties, items, enum, const,
    anyOf/oneOf/allOf, nullable, minimum/maximum, additionalProperties: false)."""
    schema = resolve(doc, schema)
    errs: list[str] = []
    if schema.get("nullable") and value is None:
        return errs
    for sub in schema.get("allOf", []):
        errs += schema_errors(doc, sub, value, where)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            ok = [s for s in schema[key] if not schema_errors(doc, s, value, where)]
            if not ok:
                errs.append(f"{where}: matches none of {key}")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types if t in _TYPES):
            return errs + [f"{where}: {value!r} is not of type {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errs.append(f"{where}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errs.append(f"{where}: {value!r} != const {schema['const']!r}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errs.append(f"{where}: {value} < minimum {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errs.append(f"{where}: {value} > maximum {schema['maximum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                errs.append(f"{where}: missing required property {name!r}")
        for name, sub in props.items():
            if name in value:
                errs += schema_errors(doc, sub, value[name], f"{where}.{name}")
        if schema.get("additionalProperties") is False:
            extra = set(value) - set(props)
            if extra:
                errs.append(f"{where}: unexpected properties {sorted(extra)}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errs += schema_errors(doc, schema["items"], item, f"{where}[{i}]")
    return errs


def documented_schema(doc: dict, method: str, path: str, status: str) -> dict:
    """The JSON response schema documented for (method, normalised path, status)."""
    for raw_path, item in doc.get("paths", {}).items():
        if normalise(raw_path) != path:
            continue
        op = item.get(method)
        assert op is not None, f"{method.upper()} {path} is not documented"
        responses = op.get("responses", {})
        response = responses.get(status) or responses.get(f"{status[0]}XX")
        assert response is not None, f"{method.upper()} {path}: no {status} response documented"
        response = resolve(doc, response)
        content = response.get("content", {})
        media = next((m for m in content if "json" in m), None)
        assert media is not None, f"{method.upper()} {path} {status}: no JSON content documented"
        schema = content[media].get("schema")
        assert isinstance(schema, dict) and schema, f"{method.upper()} {path} {status}: no schema"
        return schema
    raise AssertionError(f"path {path} is not documented")
