"""TodoWrite: the agent's task list, kept in the session (a trace signal; no sandbox effects)."""

from collections import Counter
from typing import Any

from harness.agent.builtin.tools.base import Tool, ToolResult, ToolSession

STATUSES = ("pending", "in_progress", "completed")


async def todo_write(session: ToolSession, args: dict[str, Any]) -> ToolResult:
    session.todos = [
        {"content": t["content"], "status": t["status"], "activeForm": t["activeForm"]}
        for t in args["todos"]
    ]
    counts = Counter(t["status"] for t in session.todos)
    summary = ", ".join(f"{counts[s]} {s.replace('_', ' ')}" for s in STATUSES)
    return ToolResult(
        f"Todo list updated ({len(session.todos)} items: {summary}). Keep it current as you"
        " work: one item in progress at a time, mark items completed as soon as they are done."
    )


TODO_WRITE = Tool(
    name="TodoWrite",
    description=(
        "Replace your task list with `todos` (send the whole list every time). Use it to plan"
        " multi-step work and show progress: each item has `content` (imperative, e.g. 'Run"
        " the tests'), `activeForm` (present continuous, e.g. 'Running the tests') and"
        " `status` (pending, in_progress or completed). Keep exactly one item in_progress"
        " while working, and mark items completed as soon as they are done."
    ),
    input_schema={
        "type": "object",
        "properties": {
            "todos": {
                "type": "array",
                "description": "The complete, updated task list.",
                "items": {
                    "type": "object",
                    "properties": {
                        "content": {"type": "string", "minLength": 1},
                        "status": {"type": "string", "enum": list(STATUSES)},
                        "activeForm": {"type": "string", "minLength": 1},
                    },
                    "required": ["content", "status", "activeForm"],
                },
            },
        },
        "required": ["todos"],
        "additionalProperties": False,
    },
    handler=todo_write,
)
