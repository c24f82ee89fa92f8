"""Claude Code subagent files: YAML frontmatter (name, description, tools, model, color, ...)
and a markdown body that is the system prompt.
"""

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from harness.errors import AgentFileError

KNOWN_KEYS = ("name", "description", "tools", "model", "color")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class AgentSpec:
    name: str
    description: str
    system_prompt: str
    tools: tuple[str, ...] | None
    """None when the file names no tools (Claude Code then offers every tool)."""
    model: str | None = None
    color: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    sha256: str = ""
    text: str = ""


def _split(text: str, source: str) -> tuple[str, str]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise AgentFileError(f"{source}: no YAML frontmatter; start the file with a '---' line")
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :])
    raise AgentFileError(f"{source}: frontmatter is not closed; add a '---' line after it")


def _tools(value: Any, source: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        items = [t.strip() for t in value.split(",")]
    elif isinstance(value, list) and all(isinstance(t, str) for t in value):
        items = [t.strip() for t in value]
    else:
        raise AgentFileError(f"{source}: 'tools' must be a comma string or a list of names")
    return tuple(t for t in items if t)


def _required_str(meta: dict[str, Any], key: str, source: str) -> str:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        raise AgentFileError(f"{source}: frontmatter needs a non-empty '{key}'")
    return value.strip()


def parse_agent(text: str, source: str) -> AgentSpec:
    """Parse subagent file text; `source` names the file in error messages."""
    front, body = _split(text, source)
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise AgentFileError(f"{source}: frontmatter is not valid YAML{where}; fix it") from None
    if not isinstance(meta, dict):
        raise AgentFileError(f"{source}: frontmatter must be a YAML mapping of keys to values")
    name = _required_str(meta, "name", source)
    if not _NAME.match(name):
        raise AgentFileError(f"{source}: name {name!r} must be lowercase letters, digits, hyphens")
    if not body.strip():
        raise AgentFileError(f"{source}: the body (the system prompt) is empty; write one")
    optional = {k: meta.get(k) for k in ("model", "color")}
    for key, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise AgentFileError(f"{source}: '{key}' must be a string")
    return AgentSpec(
        name=name,
        description=_required_str(meta, "description", source),
        system_prompt=body.strip() + "\n",
        tools=_tools(meta.get("tools"), source),
        model=optional["model"],
        color=optional["color"],
        extra={k: v for k, v in meta.items() if k not in KNOWN_KEYS},
        path=source,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
    )


def load_agent(path: Path) -> AgentSpec:
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise AgentFileError(f"{path}: no such agent file; pass --agent PATH") from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise AgentFileError(f"{path}: not a UTF-8 text file; pass a subagent .md file") from None
    spec = parse_agent(text, str(path))
    return replace(spec, sha256=hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class RunAgent:
    """An agent file as a run uses it: the label its samples carry and the tools offered."""

    label: str
    spec: AgentSpec
    offered_tools: tuple[str, ...]
    unsupported_tools: tuple[str, ...]


def agent_labels(specs: Sequence[AgentSpec]) -> list[str]:
    """One label per agent file of a run: its name, or name@sha8 where two files share a
    name (a prompt edit of one agent). Raises AgentFileError for one file given twice. Pure."""
    seen: dict[str, str] = {}
    for spec in specs:
        if spec.sha256 in seen:
            raise AgentFileError(
                f"{spec.path}: given twice with --agent (same content as {seen[spec.sha256]}); "
                "drop one"
            )
        seen[spec.sha256] = spec.path
    names = [s.name for s in specs]
    return [s.name if names.count(s.name) == 1 else f"{s.name}@{s.sha256[:8]}" for s in specs]
