"""`OracleScript`: a scripted model that writes a task's reference solution through the tools.

It behaves like a careful model with the Claude Code tools: `Write` each file; if `Write` refuses
because an existing file was not read first, `Read` it and write again; then run the check
command with `Bash` and end. Its position is rebuilt from the conversation on every request.
"""

from dataclasses import dataclass
from typing import Any

from harness.models.scripted import assistant_message, assistant_step, blocks_of

_NOT_READ = "has not been read"


@dataclass(frozen=True)
class ToolCall:
    """A tool_use from the conversation with the tool_result that answered it."""

    name: str
    input: dict[str, Any]
    is_error: bool
    result: str


class OracleScript:
    """Writes the reference solution with `Write`, runs `check_command` with `Bash`, then ends."""

    def __init__(self, files: list[tuple[str, str]], check_command: str | None = None) -> None:
        self.files = list(files)
        self.check_command = check_command

    def respond(self, request: dict[str, Any]) -> dict[str, Any]:
        calls = tool_history(request["messages"])
        index, read_first = self._progress(calls)
        if index < len(self.files):
            path, text = self.files[index]
            if read_first:
                return _tool_turn(request, "Read", {"file_path": path})
            return _tool_turn(request, "Write", {"file_path": path, "content": text})
        if self.check_command and not any(call.name == "Bash" for call in calls):
            return _tool_turn(request, "Bash", {"command": self.check_command})
        summary = f"Wrote {len(self.files)} file(s) from the reference solution."
        return assistant_message(request, [{"type": "text", "text": summary}], "end_turn")

    def _progress(self, calls: list[ToolCall]) -> tuple[int, bool]:
        """(index of the next file to write, whether it must be Read first)."""
        index, read_first, read = 0, False, set()
        for call in calls:
            path = call.input.get("file_path")
            if call.name == "Read":
                read.add(path)
                read_first = False
            elif call.name == "Write" and call.is_error and _NOT_READ in call.result:
                # Retry once after a Read; a second refusal moves on (the grader will tell).
                read_first = path not in read
                index += not read_first
            elif call.name == "Write":
                index += 1
        return index, read_first


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
    note = f"{name} {args.get('file_path') or args.get('command')}"
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
