"""OracleScript: the steps it takes, including Read-before-Write on existing files."""

from collections.abc import Callable
from typing import Any

from harness.agent.builtin.tools import tool_definitions
from harness.models.oracle import OracleScript, pick_tools, tool_history

TOOLS = tool_definitions(("Read", "Write", "Bash"))
FILES = [("/w/app/main.py", "print('hi')\n"), ("/w/app/db.py", "DB = 1\n")]
NOT_READ = "File has not been read yet. Read it with the Read tool before writing to it: {}"
Answer = Callable[[dict[str, Any], set[str]], tuple[str, bool]]


def all_ok(call: dict[str, Any], read: set[str]) -> tuple[str, bool]:
    return "ok", False


def play(script: OracleScript, answer: Answer = all_ok, limit: int = 20) -> list[dict[str, Any]]:
    """Drive the script like a well-behaved loop; return the tool calls it made, in order."""
    messages: list[dict[str, Any]] = [{"role": "user", "content": "task"}]
    calls: list[dict[str, Any]] = []
    read: set[str] = set()
    for _ in range(limit):
        body = script.respond({"model": "oracle", "messages": messages, "tools": TOOLS})
        if body["stop_reason"] != "tool_use":
            assert body["content"][0]["text"].startswith("Wrote ")
            return calls
        call = body["content"][-1]
        calls.append(call)
        content, is_error = answer(call, read)
        if call["name"] == "Read":
            read.add(call["input"]["file_path"])
        result = {"type": "tool_result", "tool_use_id": call["id"], "content": content}
        messages.append({"role": "assistant", "content": body["content"]})
        messages.append({"role": "user", "content": [{**result, "is_error": is_error}]})
    raise AssertionError("the oracle never ended")


def steps(calls: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(c["name"], c["input"].get("file_path") or c["input"]["command"]) for c in calls]


def test_oracle_writes_each_file_then_checks_then_ends() -> None:
    calls = play(OracleScript(FILES, "pytest -q"))
    assert calls == [
        {"type": "tool_use", "id": "toolu_oracle_0", "name": "Write",
         "input": {"file_path": "/w/app/main.py", "content": "print('hi')\n"}},
        {"type": "tool_use", "id": "toolu_oracle_1", "name": "Write",
         "input": {"file_path": "/w/app/db.py", "content": "DB = 1\n"}},
        {"type": "tool_use", "id": "toolu_oracle_2", "name": "Bash",
         "input": {"command": "pytest -q"}},
    ]  # fmt: skip


def test_oracle_without_check_command_ends_after_writing() -> None:
    assert steps(play(OracleScript(FILES, None))) == [
        ("Write", "/w/app/main.py"),
        ("Write", "/w/app/db.py"),
    ]


def test_oracle_reads_an_existing_file_before_writing_it_again() -> None:
    existing = {"/w/app/main.py"}

    def refuse_unread(call: dict[str, Any], read: set[str]) -> tuple[str, bool]:
        path = call["input"].get("file_path")
        if call["name"] == "Write" and path in existing and path not in read:
            return NOT_READ.format(path), True
        return "ok", False

    calls = play(OracleScript(FILES, "make check"), refuse_unread)
    assert steps(calls) == [
        ("Write", "/w/app/main.py"),
        ("Read", "/w/app/main.py"),
        ("Write", "/w/app/main.py"),
        ("Write", "/w/app/db.py"),
        ("Bash", "make check"),
    ]
    assert [c["id"] for c in calls] == [f"toolu_oracle_{i}" for i in range(5)]


def test_oracle_moves_on_when_write_is_refused_again_after_reading() -> None:
    def always_refuse(call: dict[str, Any], read: set[str]) -> tuple[str, bool]:
        return (NOT_READ.format("x"), True) if call["name"] == "Write" else ("ok", False)

    assert steps(play(OracleScript(FILES[:1], None), always_refuse)) == [
        ("Write", "/w/app/main.py"),
        ("Read", "/w/app/main.py"),
        ("Write", "/w/app/main.py"),
    ]


def test_other_write_errors_do_not_trigger_a_read() -> None:
    def deny(call: dict[str, Any], read: set[str]) -> tuple[str, bool]:
        return "Permission denied", True

    assert [name for name, _ in steps(play(OracleScript(FILES, None), deny))] == ["Write", "Write"]


def test_tool_history_pairs_calls_with_results_including_block_lists() -> None:
    use = {"type": "tool_use", "id": "t1", "name": "Bash", "input": {"command": "ls"}}
    result = {
        "type": "tool_result",
        "tool_use_id": "t1",
        "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}],
        "is_error": True,
    }
    unanswered = {"type": "tool_use", "id": "t2", "name": "Read", "input": {}}
    messages: list[dict[str, Any]] = [
        {"role": "user", "content": "go"},
        {"role": "assistant", "content": [use]},
        {"role": "user", "content": [result]},
        {"role": "assistant", "content": [unanswered]},
    ]
    history = tool_history(messages)
    assert [(c.name, c.is_error, c.result) for c in history] == [
        ("Bash", True, "ab"),
        ("Read", False, ""),
    ]


def schema(*required: str) -> dict[str, Any]:
    props = {k: {"type": "string"} for k in required}
    return {"type": "object", "properties": props, "required": list(required)}


def test_tools_are_found_by_schema_not_by_name() -> None:
    tools = [
        {"name": "Put", "input_schema": schema("target_path", "content")},
        {"name": "Cat", "input_schema": schema("target_path")},
        {"name": "Edit", "input_schema": schema("file_path", "old_string", "new_string")},
        {"name": "Shell", "input_schema": schema("command")},
        {"name": "DeferredToolPlaceholder", "input_schema": {"type": "object"}},
    ]
    found = pick_tools(tools)
    assert found.write == ("Put", "target_path", "content")
    assert found.read == ("Cat", "target_path")
    assert found.shell == ("Shell", "command")


def test_without_a_write_tool_the_oracle_writes_through_the_shell() -> None:
    request = {
        "model": "oracle",
        "messages": [{"role": "user", "content": "task"}],
        "tools": [{"name": "Sh", "input_schema": schema("command")}],
    }
    body = OracleScript(FILES[:1], None).respond(request)
    command = body["content"][-1]["input"]["command"]
    assert body["content"][-1]["name"] == "Sh"
    assert "base64 -d > /w/app/main.py" in command
    import base64

    assert base64.b64encode(b"print('hi')\n").decode() in command


def test_without_any_usable_tool_the_oracle_ends() -> None:
    request = {"model": "oracle", "messages": [{"role": "user", "content": "hi"}], "tools": []}
    body = OracleScript(FILES, "pytest").respond(request)
    assert body["stop_reason"] == "end_turn"
