"""`OracleScript`: a scripted model that writes a task's reference solution through the tools.

It behaves like a careful model with the tools the request offers (builtin loop or real Claude
Code alike): it finds its write, read and shell tools by their input schemas, not by name;
writes each file; if a write is refused for a file not read first, reads it and writes again;
then runs the check command with the shell tool and ends. Without a write tool it writes
through the shell. Its position is rebuilt from the conversation on every request.
"""

import base64
import re
import shlex
from dataclasses import dataclass
from typing import Any

from harness.models.scripted import assistant_message, assistant_step, blocks_of


@dataclass(frozen=True)
class ToolCall:
    """A tool_use from the conversation with the tool_result that answered it."""

    name: str
    input: dict[str, Any]
    is_error: bool
    result: str


@dataclass(frozen=True)
class ToolSet:
    """The request's tools the oracle uses, found by schema: (name, argument key) pairs."""

    write: tuple[str, str, str] | None
    """(name, path key, content key)"""
    read: tuple[str, str] | None
    """(name, path key)"""
    shell: tuple[str, str] | None
    """(name, command key)"""


def _required(tool: dict[str, Any]) -> set[str]:
    schema = tool.get("input_schema") or {}
    return set(schema.get("required") or [])


def _path_key(keys: set[str]) -> str | None:
    return next((k for k in sorted(keys) if "path" in k), None)


def pick_tools(tools: list[dict[str, Any]]) -> ToolSet:
    """The write, read and shell tools among `tools`, by input schema (a tool named like the
    role wins a tie: Read over another single-path tool). Pure."""
    write = read = shell = None
    for tool in sorted(tools, key=lambda t: t.get("name") not in ("Write", "Read", "Bash")):
        name, required = str(tool.get("name")), _required(tool)
        path = _path_key(required)
        if write is None and path and "content" in required:
            write = (name, path, "content")
        elif read is None and path and required == {path}:
            read = (name, path)
        elif shell is None and "command" in required:
            shell = (name, "command")
    return ToolSet(write, read, shell)


class OracleScript:
    """Writes the reference solution with the write tool, runs `check_command` with the shell
    tool, then ends."""

    def __init__(self, files: list[tuple[str, str]], check_command: str | None = None) -> None:
        self.files = list(files)
        self.check_command = check_command

    def respond(self, request: dict[str, Any]) -> dict[str, Any]:
        tools = pick_tools(list(request.get("tools") or []))
        if tools.write is None and tools.shell is None:
            text = "No tool to write files with was offered; nothing written."
            return assistant_message(request, [{"type": "text", "text": text}], "end_turn")
        calls = tool_history(request["messages"])
        index, read_first = self._progress(calls, tools)
        if index < len(self.files):
            path, text = self.files[index]
            if read_first and tools.read is not None:
                return _tool_turn(request, tools.read[0], {tools.read[1]: path})
            return _write_turn(request, tools, path, text)
        shell = tools.shell
        # Any shell call after the last file counts: Claude Code may rewrite the command
        # (it drops a leading `cd` into its working directory).
        ran_check = any(
            shell and c.name == shell[0] and not _is_shell_write(c, tools) for c in calls
        )
        if self.check_command and shell and not ran_check:
            return _tool_turn(request, shell[0], {shell[1]: self.check_command})
        summary = f"Wrote {len(self.files)} file(s) from the reference solution."
        return assistant_message(request, [{"type": "text", "text": summary}], "end_turn")

    def _progress(self, calls: list[ToolCall], tools: ToolSet) -> tuple[int, bool]:
        """(index of the next file to write, whether it must be read first)."""
        index, read_first, read = 0, False, set()
        write_name = tools.write[0] if tools.write else None
        for call in calls:
            path = call.input.get(tools.write[1]) if tools.write else None
            if tools.read and call.name == tools.read[0]:
                read.add(call.input.get(tools.read[1]))
                read_first = False
            elif call.name == write_name and call.is_error and _NOT_READ.search(call.result):
                # Read it and retry once; a second refusal moves on (the grader will tell).
                read_first = tools.read is not None and path not in read
                index += not read_first
            elif call.name == write_name or _is_shell_write(call, tools):
                index += 1
        return index, read_first


_SHELL_WRITE = "archbench-oracle-write"
_NOT_READ = re.compile(r"has not been read|not been read yet|read it first|must read", re.I)


def _is_shell_write(call: ToolCall, tools: ToolSet) -> bool:
    return bool(tools.shell and call.name == tools.shell[0]) and _SHELL_WRITE in str(
        call.input.get("command", "")
    )


def _write_turn(request: dict[str, Any], tools: ToolSet, path: str, text: str) -> dict[str, Any]:
    if tools.write is not None:
        name, path_key, content_key = tools.write
        return _tool_turn(request, name, {path_key: path, content_key: text})
    assert tools.shell is not None
    data = base64.b64encode(text.encode()).decode()
    quoted = shlex.quote(path)
    command = (
        f': {_SHELL_WRITE}; mkdir -p "$(dirname {quoted})" && '
        f"printf %s {data} | base64 -d > {quoted}"
    )
    return _tool_turn(request, tools.shell[0], {tools.shell[1]: command})


def tool_history(messages: list[dict[str, Any]]) -> list[ToolCall]:
    """Every tool_use in order, paired with its tool_result (unanswered: empty, not an error)."""
    results = {
        block.get("tool_use_id"): block
        for message in messages
        if message["role"] == "user"
        for block in blocks_of(message)
        if block.get("type") == "tool_result"
    }
    calls = []
    for message in messages:
        if message["role"] != "assistant":
            continue
        for block in blocks_of(message):
            if block.get("type") == "tool_use":
                result = results.get(block["id"], {})
                calls.append(
                    ToolCall(
                        name=block["name"],
                        input=block.get("input") or {},
                        is_error=bool(result.get("is_error")),
                        result=_result_text(result.get("content", "")),
                    )
                )
    return calls


def _result_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "".join(b.get("text", "") for b in content if isinstance(b, dict))


def _tool_turn(request: dict[str, Any], name: str, args: dict[str, Any]) -> dict[str, Any]:
    """A short note, then one tool_use with id toolu_oracle_<step>."""
    shown = next((v for k, v in args.items() if "path" in k), None) or args.get("command", "")
    note = f"{name} {str(shown)[:200]}"
    content: list[dict[str, Any]] = [
        {"type": "text", "text": note},
        {
            "type": "tool_use",
            "id": f"toolu_oracle_{assistant_step(request)}",
            "name": name,
            "input": args,
        },
    ]
    return assistant_message(request, content, "tool_use")
