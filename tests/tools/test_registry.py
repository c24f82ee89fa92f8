import asyncio
from pathlib import Path

import pytest

from harness.agent.builtin.tools import (
    SUPPORTED,
    TOOLS,
    ToolSession,
    run_tool,
    split_tools,
    tool_definitions,
)
from harness.sandbox.fake import FakeSandbox

from .conftest import Call

AGENT_TOOLS = [
    "Read",
    "Write",
    "Edit",
    "MultiEdit",
    "Bash",
    "Grep",
    "Glob",
    "LS",
    "Task",
    "TodoWrite",
]


def test_split_tools() -> None:
    selection = split_tools(AGENT_TOOLS)
    assert selection.offered == (
        "Read",
        "Write",
        "Edit",
        "MultiEdit",
        "Bash",
        "Grep",
        "Glob",
        "LS",
        "TodoWrite",
    )
    assert selection.unsupported == ("Task",)


def test_split_tools_keeps_order_and_drops_duplicates() -> None:
    selection = split_tools(["WebFetch", "Bash", " Read ", "Bash", "NotebookEdit", "WebSearch"])
    assert selection.offered == ("Bash", "Read")
    assert selection.unsupported == ("WebFetch", "NotebookEdit", "WebSearch")


def test_supported_names() -> None:
    assert SUPPORTED == (
        "Read",
        "Write",
        "Edit",
        "MultiEdit",
        "Bash",
        "Grep",
        "Glob",
        "LS",
        "TodoWrite",
    )


def test_tool_definitions_are_messages_api_dicts() -> None:
    definitions = tool_definitions(["Bash", "Read"])
    assert [d["name"] for d in definitions] == ["Bash", "Read"]
    assert all(set(d) == {"name", "description", "input_schema"} for d in definitions)
    definitions[1]["input_schema"]["required"].append("mutated")
    assert TOOLS["Read"].input_schema["required"] == ["file_path"]
    with pytest.raises(ValueError, match="unknown tools \\['Task'\\]"):
        tool_definitions(["Task"])


@pytest.mark.parametrize("name", SUPPORTED)
def test_schemas_are_closed_and_consistent(name: str) -> None:
    schema = TOOLS[name].input_schema
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) <= set(schema["properties"])
    assert len(TOOLS[name].description) > 100


def test_unknown_and_unoffered_tools_are_error_results(call: Call) -> None:
    result = call("Task", {"prompt": "x"})
    assert result.is_error is True
    assert result.content.startswith("No such tool available: Task.")
    sandbox = FakeSandbox()
    try:
        session = ToolSession(sandbox=sandbox, allowed=frozenset({"Read"}))
        refused = asyncio.run(run_tool(session, "Bash", {"command": "touch made"}))
        assert refused.content == "No such tool available: Bash. Available tools: Read"
        assert not (Path(sandbox.workdir) / "made").exists()
    finally:
        asyncio.run(sandbox.close())


def test_todo_write_replaces_the_list(call: Call, session: ToolSession, ws: Path) -> None:
    first = [
        {"content": "Write tests", "status": "in_progress", "activeForm": "Writing tests"},
        {"content": "Fix bug", "status": "pending", "activeForm": "Fixing bug"},
    ]
    result = call("TodoWrite", {"todos": first})
    assert result.content.startswith(
        "Todo list updated (2 items: 1 pending, 1 in progress, 0 completed)."
    )
    assert session.todos == first
    second = [{"content": "Fix bug", "status": "completed", "activeForm": "Fixing bug", "id": "1"}]
    call("TodoWrite", {"todos": second})
    assert session.todos == [
        {"content": "Fix bug", "status": "completed", "activeForm": "Fixing bug"}
    ]
    assert list(ws.iterdir()) == []


def test_todo_write_rejects_bad_status(call: Call, session: ToolSession) -> None:
    todos = [{"content": "x", "status": "done", "activeForm": "x-ing"}]
    result = call("TodoWrite", {"todos": todos})
    assert result.is_error is True
    assert "`status` must be one of 'pending', 'in_progress', 'completed', got 'done'" in (
        result.content
    )
    assert session.todos == []
