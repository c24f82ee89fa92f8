"""Shared helpers for the design-split-monolith hidden checks (imported, never collected).

Every expectation is computed here from the task's data in the agent's workspace
(data/modules.json, changes.csv, teams.json, tables.csv) with the rules the prompt states;
nothing is copied from the reference decomposition.
"""

import csv
import hashlib
import itertools
import json
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

WS = Path(os.environ["ARCHBENCH_WORKSPACE"])
HERE = Path(__file__).resolve().parent
COUPLING_THRESHOLD = 0.5
"""The prompt's rule 4: pairs with a Jaccard co-change coupling at or above this share a service."""
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["services", "dependencies"],
    "properties": {
        "services": {
            "type": "array",
            "minItems": 3,
            "maxItems": 8,
            "items": {
                "type": "object",
                "required": ["name", "modules", "owner_team", "owns_tables"],
                "properties": {
                    "name": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
                    "modules": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                    "owner_team": {"type": "string"},
                    "owns_tables": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "dependencies": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["from", "to", "kind"],
                "properties": {
                    "from": {"type": "string"},
                    "to": {"type": "string"},
                    "kind": {"enum": ["sync", "async"]},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Edge:
    caller: str
    callee: str
    sync_required: bool


def data_hashes() -> dict[str, str]:
    """The starter's data files and their sha256 (hidden/data.sha256, `sha256sum` format)."""
    pairs = (
        line.split() for line in (HERE / "data.sha256").read_text().splitlines() if line.strip()
    )
    return {name: digest for digest, name in pairs}


def sha256_of(name: str) -> str:
    path = WS / "data" / name
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def _modules_json() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((WS / "data" / "modules.json").read_text())
    return loaded


def modules() -> list[str]:
    return [m["name"] for m in _modules_json()["modules"]]


def edges() -> list[Edge]:
    return [Edge(e["from"], e["to"], bool(e["sync_required"])) for e in _modules_json()["edges"]]


def team_modules() -> dict[str, set[str]]:
    teams = json.loads((WS / "data" / "teams.json").read_text())["teams"]
    return {t["name"]: set(t["modules"]) for t in teams}


def table_writers() -> dict[str, set[str]]:
    writers: dict[str, set[str]] = defaultdict(set)
    with (WS / "data" / "tables.csv").open(newline="") as f:
        for row in csv.DictReader(f):
            if row["access"] == "write":
                writers[row["table"]].add(row["module"])
    return dict(writers)


def commits_by_module() -> dict[str, set[str]]:
    commits: dict[str, set[str]] = defaultdict(set)
    with (WS / "data" / "changes.csv").open(newline="") as f:
        for row in csv.DictReader(f):
            commits[row["module"]].add(row["commit"])
    return dict(commits)


def coupled_pairs() -> list[tuple[str, str, float]]:
    """Module pairs whose Jaccard co-change coupling is at least the prompt's threshold."""
    commits = commits_by_module()
    pairs = []
    for a, b in itertools.combinations(sorted(commits), 2):
        jaccard = len(commits[a] & commits[b]) / len(commits[a] | commits[b])
        if jaccard >= COUPLING_THRESHOLD:
            pairs.append((a, b, jaccard))
    return pairs


def decomposition() -> dict[str, Any]:
    """The agent's services.yaml, or a test failure that says what is wrong with the file."""
    path = WS / "services.yaml"
    if not path.is_file():
        pytest.fail("services.yaml is missing from the workspace")
    try:
        loaded = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        pytest.fail(f"services.yaml is not valid YAML: {exc}")
    if not isinstance(loaded, dict):
        pytest.fail("services.yaml must be a mapping at the top level")
    return loaded


def services() -> list[dict[str, Any]]:
    entries = decomposition().get("services")
    if not isinstance(entries, list) or not all(isinstance(s, dict) for s in entries):
        pytest.fail("services.yaml services must be a list of mappings")
    return entries


def _names(entry: dict[str, Any], key: str) -> list[str]:
    value = entry.get(key)
    if not isinstance(value, list):
        pytest.fail(f"service {entry.get('name')!r}: {key} must be a list")
    return [str(v) for v in value]


def service_modules() -> dict[str, list[str]]:
    return {str(s.get("name")): _names(s, "modules") for s in services()}


def service_tables() -> dict[str, list[str]]:
    return {str(s.get("name")): _names(s, "owns_tables") for s in services()}


def placement() -> dict[str, str]:
    """module -> its service; a test failure when a module is in no service or in two."""
    where: dict[str, list[str]] = defaultdict(list)
    for service, mods in service_modules().items():
        for m in mods:
            where[m].append(service)
    twice = {m: s for m, s in where.items() if len(s) > 1}
    missing = [m for m in modules() if m not in where]
    if twice or missing:
        pytest.fail(
            f"every module must be in exactly one service: in two or more {twice}, "
            f"in none {missing}"
        )
    return {m: s[0] for m, s in where.items()}


def dependencies() -> list[dict[str, Any]]:
    entries = decomposition().get("dependencies")
    if not isinstance(entries, list) or not all(isinstance(d, dict) for d in entries):
        pytest.fail("services.yaml dependencies must be a list of mappings")
    return entries


def dependency_pairs(kinds: tuple[str, ...] = ("sync", "async")) -> set[tuple[str, str]]:
    return {
        (str(d.get("from")), str(d.get("to"))) for d in dependencies() if d.get("kind") in kinds
    }


def find_cycle(arcs: set[tuple[str, str]]) -> list[str]:
    """One directed cycle of the graph as a node list (first node repeated at the end), or []."""
    graph: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(arcs):
        graph[a].append(b)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []
