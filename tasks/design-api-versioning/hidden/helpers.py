"""Shared helpers for the design-api-versioning hidden checks (imported, never collected).

The v1 operations, the clients and their dates are read from the task's data in the agent's
workspace (data/openapi-v1.yaml, data/clients.json); nothing is copied from the reference.
"""

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

WS = Path(os.environ["ARCHBENCH_WORKSPACE"])
HERE = Path(__file__).resolve().parent
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
REMOVED = {"getDailyTotals"}
"""The v1 operations the prompt removes in v2."""
DOC_URI = "urn:archbench:openapi-v2"


def data_hashes() -> dict[str, str]:
    hashes = {}
    for line in (HERE / "data.sha256").read_text().splitlines():
        digest, name = line.split()
        hashes[name] = digest
    return hashes


def sha256_of(name: str) -> str:
    return hashlib.sha256((WS / "data" / name).read_bytes()).hexdigest()


def fixtures() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((HERE / "fixtures.json").read_text())
    return loaded


def _plain(value: Any) -> Any:
    """YAML dates as ISO strings, so a quoted and an unquoted date read the same."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def load_yaml(name: str) -> dict[str, Any]:
    """A workspace YAML file as a mapping, or a test failure saying what is wrong with it."""
    path = WS / name
    if not path.is_file():
        pytest.fail(f"{name} is missing from the workspace")
    try:
        loaded = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        pytest.fail(f"{name} is not valid YAML: {exc}")
    if not isinstance(loaded, dict):
        pytest.fail(f"{name} must be a mapping at the top level")
    plain: dict[str, Any] = _plain(loaded)
    return plain


def clients() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((WS / "data" / "clients.json").read_text())
    return loaded


def date_of(text: Any, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        pytest.fail(f"{what} must be a YYYY-MM-DD date, got {text!r}")


def plan() -> dict[str, Any]:
    """deprecation.yaml, matching the prompt's schema (else a failure listing the errors)."""
    loaded = load_yaml("deprecation.yaml")
    schema = json.loads((HERE / "deprecation.schema.json").read_text())
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(loaded), key=str)
    if errors:
        pytest.fail(
            "deprecation.yaml does not match the schema: "
            + "; ".join(
                f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors[:5]
            )
        )
    return loaded


def sunset() -> dt.date:
    return date_of(plan()["v1_sunset_date"], "v1_sunset_date")


def header(name: str) -> str:
    headers = {k.lower(): v for k, v in plan()["deprecation_headers"].items()}
    return str(headers[name.lower()])


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: str
    spec: dict[str, Any]
    pointer: str
    """JSON pointer of the operation object in its document."""
    path_item: dict[str, Any]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def normalised(path: str) -> str:
    """The path without a leading /v1 or /v2 segment and with every {param} blanked."""
    path = re.sub(r"^/v[12](?=/|$)", "", path) or "/"
    return re.sub(r"\{[^}]*\}", "{}", path.rstrip("/") or "/")


def operations(doc: dict[str, Any]) -> list[Operation]:
    out = []
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                pointer = f"/paths/{_escape(path)}/{method}"
                name = str(op.get("operationId", ""))
                out.append(Operation(method, path, name, op, pointer, item))
    return out


def v1() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((WS / "data" / "openapi-v1.yaml").read_text())
    return loaded


def v2() -> dict[str, Any]:
    return load_yaml("openapi-v2.yaml")


def v1_operations() -> dict[str, Operation]:
    return {op.operation_id: op for op in operations(v1())}


def counterpart(operation_id: str) -> Operation:
    """The v2 operation with the v1 operation's method and (normalised) path."""
    old = v1_operations()[operation_id]
    for op in operations(v2()):
        if op.method == old.method and normalised(op.path) == normalised(old.path):
            return op
    pytest.fail(
        f"openapi-v2.yaml has no {old.method.upper()} {normalised(old.path)}"
        f" (the v2 counterpart of {operation_id})"
    )


def resolve(doc: dict[str, Any], node: Any) -> Any:
    """Follow local $refs (#/...) of an OpenAPI object (parameters, bodies, responses)."""
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 20:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            pytest.fail(f"only local $refs are supported in openapi-v2.yaml, got {ref}")
        node = doc
        for token in ref[2:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or token not in node:
                pytest.fail(f"openapi-v2.yaml: $ref {ref} points nowhere")
            node = node[token]
        seen += 1
    return node


def _json_media(content: Any) -> str | None:
    if not isinstance(content, dict):
        return None
    for media in content:
        base = str(media).split(";")[0].strip()
        if base == "application/json" or re.fullmatch(r"application/[^/]+\+json", base):
            return str(media)
    return None


def _validator(pointer: str) -> jsonschema.protocols.Validator:
    doc = v2()
    registry: Registry[Any] = Registry().with_resource(
        DOC_URI, Resource.from_contents(doc, default_specification=DRAFT202012)
    )
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": DOC_URI + "#" + pointer,
    }
    return jsonschema.Draft202012Validator(schema, registry=registry)


def request_validator(operation_id: str) -> jsonschema.protocols.Validator:
    op = counterpart(operation_id)
    doc = v2()
    body = resolve(doc, op.spec.get("requestBody"))
    media = _json_media(body.get("content") if isinstance(body, dict) else None)
    if media is None:
        pytest.fail(f"{operation_id} in v2 has no JSON request body")
    pointer = body_pointer(op, doc)
    return _validator(f"{pointer}/content/{_escape(media)}/schema")


def body_pointer(op: Operation, doc: dict[str, Any]) -> str:
    node = op.spec.get("requestBody")
    pointer = op.pointer + "/requestBody"
    while isinstance(node, dict) and "$ref" in node:
        pointer = node["$ref"][1:]
        node = resolve(doc, {"$ref": node["$ref"]})
    return pointer


def response_validator(operation_id: str) -> jsonschema.protocols.Validator:
    """The schema of the operation's first 2xx JSON response."""
    op = counterpart(operation_id)
    doc = v2()
    responses = op.spec.get("responses") or {}
    for code, node in sorted(responses.items(), key=lambda kv: str(kv[0])):
        if not re.fullmatch(r"2(\d\d|XX)", str(code)):
            continue
        pointer = f"{op.pointer}/responses/{code}"
        while isinstance(node, dict) and "$ref" in node:
            pointer = node["$ref"][1:]
            node = resolve(doc, {"$ref": node["$ref"]})
        media = _json_media(node.get("content") if isinstance(node, dict) else None)
        if media is not None:
            return _validator(f"{pointer}/content/{_escape(media)}/schema")
    pytest.fail(f"{operation_id} in v2 has no 2xx JSON response")


def errors_of(validator: jsonschema.protocols.Validator, instance: Any) -> list[str]:
    try:
        return [e.message for e in validator.iter_errors(instance)]
    except jsonschema.exceptions.SchemaError as exc:
        pytest.fail(f"openapi-v2.yaml holds a schema that is not valid JSON Schema: {exc.message}")
    except Exception as exc:  # an unresolvable $ref inside a schema
        pytest.fail(f"openapi-v2.yaml: a schema cannot be evaluated: {exc}")


def query_parameters(operation_id: str) -> dict[str, dict[str, Any]]:
    """name -> parameter object of the v2 operation's query parameters (path-level ones too)."""
    op = counterpart(operation_id)
    doc = v2()
    params = list(op.path_item.get("parameters") or []) + list(op.spec.get("parameters") or [])
    out = {}
    for p in params:
        p = resolve(doc, p)
        if isinstance(p, dict) and p.get("in") == "query":
            out[str(p.get("name"))] = p
    return out
