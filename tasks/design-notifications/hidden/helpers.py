"""Shared helpers for the design-notifications hidden tests (imported, never collected):
ADR parsing, OpenAPI lookups and a small JSON-schema subset checker."""

import re
import uuid
from typing import Any

import httpx

SECTIONS = ["context", "decision", "alternatives considered", "consequences"]
MIN_WORDS = 60
PREFS = "/users/{user_id}/preferences"
DECISIONS = "/users/{user_id}/decisions"
REQUIRED_OPS = [(PREFS, "get"), (PREFS, "put"), (DECISIONS, "post")]
RESPONSE_FIELDS = {
    (PREFS, "get"): ["user_id", "channels", "opted_out", "quiet_hours", "updated_at"],
    (PREFS, "put"): ["user_id", "channels", "opted_out", "quiet_hours", "updated_at"],
    (DECISIONS, "post"): ["deliver", "reason"],
}
HEADING = re.compile(r"^\s{0,3}(#{1,3})\s+(.+?)\s*#*\s*$")


def user() -> str:
    return f"u-{uuid.uuid4().hex[:12]}"


def adr_sections(text: str) -> list[tuple[str, str]]:
    """(heading text lower-cased, body up to the next heading of any level) in order."""
    out: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        m = HEADING.match(line)
        if m:
            out.append((m.group(2).strip().strip("*_ ").rstrip(":").lower(), []))
        elif out:
            out[-1][1].append(line)
    return [(h, "\n".join(body)) for h, body in out]


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'-]*", text))


def section_bodies(text: str) -> dict[str, str]:
    """Body of each required section, including its sub-headings, up to the next required one."""
    sections = adr_sections(text)
    result: dict[str, str] = {}
    current = None
    for heading, body in sections:
        if heading in SECTIONS:
            current = heading
            result.setdefault(current, "")
            result[current] += body + "\n"
        elif current is not None:
            result[current] += heading + "\n" + body + "\n"
    return result


def fetch_openapi(client: httpx.Client) -> dict:
    r = client.get("/design/openapi.json")
    assert r.status_code == 200, (r.status_code, r.text[:300])
    doc = r.json()
    assert isinstance(doc, dict), type(doc)
    return doc


def resolve(doc: dict, schema: Any, depth: int = 0) -> Any:
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        assert isinstance(ref, str) and ref.startswith("#/"), f"only local $refs: {ref!r}"
        target: Any = doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            assert isinstance(target, dict) and part in target, f"unresolvable $ref {ref}"
            target = target[part]
        schema = target
        depth += 1
        assert depth < 50, "$ref cycle"
    return schema


def operation(doc: dict, path: str, method: str) -> dict:
    paths = doc.get("paths") or {}
    assert path in paths, f"{path} missing from the documented paths: {sorted(paths)}"
    item = resolve(doc, paths[path])
    assert method in item, f"{method.upper()} {path} is not documented"
    return item[method]


def response_schema(doc: dict, path: str, method: str) -> Any:
    op = operation(doc, path, method)
    responses = op.get("responses") or {}
    resp = responses.get("200", responses.get(200))
    assert resp is not None, f"{method.upper()} {path}: no documented 200 response"
    resp = resolve(doc, resp)
    content = (resp.get("content") or {}).get("application/json")
    assert content and "schema" in content, f"{method.upper()} {path}: no application/json schema"
    return content["schema"]


def property_names(doc: dict, schema: Any) -> set[str]:
    """Property names an object schema declares (through $ref and allOf/anyOf/oneOf)."""
    schema = resolve(doc, schema)
    if not isinstance(schema, dict):
        return set()
    names = set((schema.get("properties") or {}).keys())
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key) or []:
            names |= property_names(doc, sub)
    return names


_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "null": lambda v: v is None,
}


def conform(doc: dict, schema: Any, value: Any, where: str = "$") -> list[str]:
    """Errors of `value` against `schema` for the keyword subset the prompt names."""
    schema = resolve(doc, schema)
    if schema is True or schema is None or schema == {}:
        return []
    if schema is False:
        return [f"{where}: no value allowed"]
    errors: list[str] = []
    if value is None and schema.get("nullable") is True:
        return []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES.get(t, lambda v: True)(value) for t in types):
            return [f"{where}: {value!r} is not of type {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in enum {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} != const {schema['const']!r}")
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        for name in schema.get("required") or []:
            if name not in value:
                errors.append(f"{where}: required property {name!r} missing")
        for name, sub in props.items():
            if name in value:
                errors += conform(doc, sub, value[name], f"{where}.{name}")
        extra = schema.get("additionalProperties", True)
        for name in value:
            if name not in props:
                if extra is False:
                    errors.append(f"{where}: undocumented property {name!r}")
                elif isinstance(extra, dict):
                    errors += conform(doc, extra, value[name], f"{where}.{name}")
    if isinstance(value, list) and "items" in schema and isinstance(schema["items"], dict):
        for i, item in enumerate(value):
            errors += conform(doc, schema["items"], item, f"{where}[{i}]")
    for sub in schema.get("allOf") or []:
        errors += conform(doc, sub, value, where)
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if options and all(conform(doc, sub, value, where) for sub in options):
            errors.append(f"{where}: {value!r} matches none of {key}")
    return errors


def put_prefs(client: httpx.Client, user_id: str, body: dict) -> httpx.Response:
    return client.put(f"/users/{user_id}/preferences", json=body)


def decide(client: httpx.Client, user_id: str, category: str, channel: str, at: str) -> dict:
    r = client.post(
        f"/users/{user_id}/decisions", json={"category": category, "channel": channel, "at": at}
    )
    assert r.status_code == 200, (r.status_code, r.text)
    body = r.json()
    # the contract's fields only: extra fields are the service's own design (prompt.md)
    return {k: body.get(k, "<missing>") for k in ("deliver", "reason")}


ALL_ON = {"email": True, "sms": True, "push": True}
