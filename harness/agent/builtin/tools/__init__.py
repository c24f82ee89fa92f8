"""The tools offered to the agent: Claude Code's built-ins, re-implemented over `Sandbox`.

`TOOLS` is an explicit registry. `split_tools` separates what an agent file asks for into
what we can offer and what we cannot (Task, WebFetch, ...); `run_tool` is the agent loop's
single entry point and never raises for the model's mistakes.
"""

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from harness.agent.builtin.tools.base import Tool, ToolResult, ToolSession
from harness.agent.builtin.tools.bash import BASH
from harness.agent.builtin.tools.files import EDIT, MULTI_EDIT, READ, WRITE
from harness.agent.builtin.tools.grep import GREP
from harness.agent.builtin.tools.listing import GLOB, LS
from harness.agent.builtin.tools.todo import TODO_WRITE

TOOLS: dict[str, Tool] = {
    tool.name: tool for tool in (READ, WRITE, EDIT, MULTI_EDIT, BASH, GREP, GLOB, LS, TODO_WRITE)
}
SUPPORTED: tuple[str, ...] = tuple(TOOLS)


@dataclass(frozen=True)
class ToolSelection:
    offered: tuple[str, ...]
    unsupported: tuple[str, ...]


def split_tools(requested: Sequence[str]) -> ToolSelection:
    """`requested` names split into supported and unsupported, order kept, duplicates dropped."""
    names = list(dict.fromkeys(name.strip() for name in requested))
    return ToolSelection(
        offered=tuple(n for n in names if n in TOOLS),
        unsupported=tuple(n for n in names if n not in TOOLS),
    )


def tool_definitions(names: Sequence[str]) -> list[dict[str, Any]]:
    """Messages API tool definitions for `names`; an unknown name is a programming error."""
    unknown = [name for name in names if name not in TOOLS]
    if unknown:
        raise ValueError(f"unknown tools {unknown}; supported: {', '.join(SUPPORTED)}")
    return [
        {
            "name": TOOLS[name].name,
            "description": TOOLS[name].description,
            "input_schema": copy.deepcopy(TOOLS[name].input_schema),
        }
        for name in names
    ]


async def run_tool(session: ToolSession, name: str, args: object) -> ToolResult:
    """Run tool `name`; a tool that does not exist or was not offered is an error result."""
    tool = TOOLS.get(name)
    if tool is None or (session.allowed is not None and name not in session.allowed):
        offered = sorted(session.allowed) if session.allowed is not None else list(SUPPORTED)
        return ToolResult(
            f"No such tool available: {name}. Available tools: {', '.join(offered)}", is_error=True
        )
    return await tool.run(session, args)


__all__ = [
    "SUPPORTED",
    "TOOLS",
    "Tool",
    "ToolResult",
    "ToolSelection",
    "ToolSession",
    "run_tool",
    "split_tools",
    "tool_definitions",
]
