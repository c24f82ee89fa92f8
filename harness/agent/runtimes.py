"""Agent runtimes: what runs an agent file on a task inside a sandbox.

- `builtin`: archbench's own tool loop (`harness.agent.builtin.loop`) with its
  re-implementation of the Claude Code tools (`harness.agent.builtin.tools`).
- `claude-code`: the real Claude Code CLI inside the sandbox (`harness.agent.claude_code`),
  its model requests bridged to the harness.

Both return a `harness.agent.builtin.loop.AgentResult` and write the same transcript events.
"""

from typing import Literal

Runtime = Literal["claude-code", "builtin"]
RUNTIMES: tuple[Runtime, ...] = ("claude-code", "builtin")
DEFAULT_RUNTIME: Runtime = "claude-code"
