"""Reading migration.yaml: its fixed shape (the prompt's JSON schema) and static rules."""

import re
from typing import Any

import jsonschema
import yaml
from helpers import WS

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["steps"],
    "properties": {
        "steps": {
            "type": "array",
            "minItems": 2,
            "items": {
                "type": "object",
                "required": ["name", "sql", "app_version_compatible", "rollback_sql"],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "sql": {"type": "array", "items": {"type": "string", "minLength": 1}},
                    "app_version_compatible": {
                        "type": "array",
                        "minItems": 1,
                        "uniqueItems": True,
                        "items": {"enum": ["old", "new"]},
                    },
                    "rollback_sql": {"type": "array", "items": {"type": "string", "minLength": 1}},
                    "transaction": {"type": "boolean"},
                },
            },
        }
    },
}
PLAIN_INDEX = re.compile(r"\bCREATE\s+(UNIQUE\s+)?INDEX\b(?!\s+CONCURRENTLY\b)", re.IGNORECASE)


class PlanError(Exception):
    """migration.yaml is missing, does not parse or does not have the fixed shape."""


def load_plan() -> list[dict[str, Any]]:
    path = WS / "migration.yaml"
    if not path.is_file():
        raise PlanError("migration.yaml is missing from the workspace")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, SCHEMA)
    except yaml.YAMLError as e:
        raise PlanError(f"migration.yaml does not parse: {e}") from None
    except jsonschema.ValidationError as e:
        where = "/".join(str(p) for p in e.absolute_path)
        raise PlanError(
            f"migration.yaml does not fit the shape at '{where}': {e.message}"
        ) from None
    steps: list[dict[str, Any]] = data["steps"]
    return steps


def claims(step: dict[str, Any]) -> set[str]:
    return set(step["app_version_compatible"])


def compatibility_problem(steps: list[dict[str, Any]]) -> str | None:
    """The rollout the claims describe is impossible, or None: the old app runs from the start and
    stops once (old claimed on a prefix), the new app starts once and stays (new on a suffix), and
    both run side by side for at least one step. Pure."""
    old = [("old" in claims(s)) for s in steps]
    new = [("new" in claims(s)) for s in steps]
    if not old[0]:
        return "the first step must keep the old app working (it is the app running today)"
    if not new[-1]:
        return "the last step must work with the new app"
    if any(old[i + 1] and not old[i] for i in range(len(old) - 1)):
        return "the old app comes back after a step that did not support it"
    if any(new[i] and not new[i + 1] for i in range(len(new) - 1)):
        return "the new app is dropped again after a step that supported it"
    if not any(o and n for o, n in zip(old, new, strict=True)):
        return "no step supports both versions, so there is no window for a rolling deploy"
    return None


def plain_index_builds(steps: list[dict[str, Any]]) -> list[str]:
    """Statements (forward or rollback) that build an index without CONCURRENTLY. Pure."""
    out = []
    for s in steps:
        for stmt in [*s["sql"], *s["rollback_sql"]]:
            if PLAIN_INDEX.search(stmt):
                out.append(f"{s['name']}: {' '.join(stmt.split())[:120]}")
    return out
