"""Check tool arguments against the tool's own JSON schema, so the two can never disagree.

Covers the subset the tool schemas use: type, properties, required, additionalProperties: false,
enum, minimum, maximum, minLength, minItems, items. Values models commonly send in the wrong
JSON type are coerced: "5" or 5.0 to an integer, "true"/"false" to a boolean, and a JSON string
to an array or object.
"""

import contextlib
import json
from collections.abc import Mapping
from typing import Any


class ToolInputError(ValueError):
    """A tool call that cannot be carried out as asked (bad argument, missing file).

    `Tool.run` turns it into an error result; it never reaches the agent loop.
    """


def validate_args(schema: Mapping[str, Any], args: object) -> dict[str, Any]:
    """`args` checked and coerced against an object `schema`; raises ToolInputError."""
    value = _check(schema, args, "input")
    assert isinstance(value, dict)
    return value


def _check(schema: Mapping[str, Any], value: Any, where: str) -> Any:
    kind = schema.get("type")
    if kind is not None:
        value = _coerce(kind, value, where)
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(repr(v) for v in schema["enum"])
        raise ToolInputError(f"{where} must be one of {allowed}, got {value!r}")
    _check_bounds(schema, value, where)
    if kind == "object":
        return _check_object(schema, value, where)
    if kind == "array" and "items" in schema:
        return [_check(schema["items"], item, f"{where}[{i}]") for i, item in enumerate(value)]
    return value


def _check_object(schema: Mapping[str, Any], value: dict[str, Any], where: str) -> dict[str, Any]:
    props: Mapping[str, Any] = schema.get("properties", {})
    missing = [key for key in schema.get("required", ()) if key not in value]
    if missing:
        raise ToolInputError(f"missing required parameter `{missing[0]}` in {where}")
    if schema.get("additionalProperties") is False:
        unknown = [key for key in value if key not in props]
        if unknown:
            known = ", ".join(props)
            raise ToolInputError(f"unexpected parameter `{unknown[0]}` (accepted: {known})")
    out: dict[str, Any] = {}
    for key, item in value.items():
        out[key] = _check(props[key], item, f"`{key}`") if key in props else item
    return out


def _check_bounds(schema: Mapping[str, Any], value: Any, where: str) -> None:
    if "minimum" in schema and value < schema["minimum"]:
        raise ToolInputError(f"{where} must be at least {schema['minimum']}, got {value}")
    if "maximum" in schema and value > schema["maximum"]:
        raise ToolInputError(f"{where} must be at most {schema['maximum']}, got {value}")
    if "minLength" in schema and len(value) < schema["minLength"]:
        raise ToolInputError(f"{where} must not be empty")
    if "minItems" in schema and len(value) < schema["minItems"]:
        raise ToolInputError(f"{where} must have at least {schema['minItems']} item(s)")


def _coerce(kind: str, value: object, where: str) -> Any:
    if kind == "integer":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
    elif kind == "boolean" and isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    elif kind in ("array", "object") and isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = json.loads(value)
    if not _is_type(kind, value):
        raise ToolInputError(f"{where} must be {_ARTICLE[kind]}, got {type(value).__name__}")
    return value


def _is_type(kind: str, value: object) -> bool:
    if isinstance(value, bool):
        return kind == "boolean"
    return isinstance(value, _PYTHON_TYPES[kind])


_PYTHON_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "array": list,
    "object": dict,
}
_ARTICLE = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "an array",
    "object": "an object",
}
