"""The agent file as Claude Code's own agent definition, and the command line that runs it.

Pure functions: what goes into `--agents`, which frontmatter tools this Claude Code does not
have (read from the tool list its first request carried), and the argv of one session.
"""

import json
from collections.abc import Sequence

from harness.agent.agentfile import AgentSpec

HOME = "/home/agent"
CONFIG_DIR = f"{HOME}/.archbench"
AGENTS_FILE = f"{CONFIG_DIR}/agents.json"
PROMPT_FILE = f"{CONFIG_DIR}/prompt.md"
PID_FILE = f"{CONFIG_DIR}/claude.pid"
CLAUDE_BIN = "/opt/claude-code/claude"
BRIDGE_KEY = "archbench-bridge-no-key"
"""What Claude Code sends as its API key: a placeholder; the real key never enters the sandbox."""


def agent_definition(spec: AgentSpec) -> dict[str, dict[str, object]]:
    """`--agents` JSON: name -> description, prompt (the body), tools and model when given."""
    definition: dict[str, object] = {"description": spec.description, "prompt": spec.system_prompt}
    if spec.tools is not None:
        definition["tools"] = list(spec.tools)
    if spec.model:
        definition["model"] = spec.model
    return {spec.name: definition}


def agents_json(spec: AgentSpec) -> str:
    return json.dumps(agent_definition(spec), indent=2)


def unsupported_tools(frontmatter: Sequence[str] | None, offered: Sequence[str]) -> list[str]:
    """Frontmatter tools that the Claude Code session did not offer, in file order."""
    have = set(offered)
    return [t for t in frontmatter or () if t not in have]


def session_env(port: int) -> dict[str, str]:
    """Claude Code's environment: the bridge as its API, a placeholder key, nothing phoning home."""
    return {
        "HOME": HOME,
        "ANTHROPIC_BASE_URL": f"http://127.0.0.1:{port}",
        "ANTHROPIC_API_KEY": BRIDGE_KEY,
        "DISABLE_AUTOUPDATER": "1",
        "DISABLE_TELEMETRY": "1",
        "DISABLE_ERROR_REPORTING": "1",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    }


def session_argv(agent_name: str) -> list[str]:
    """One non-interactive session as the agent, its pid written where the harness can find
    it. docker exec starts it as a process-group leader (no `setsid`: that would fork, and the
    exec would end at once), so its pid is the group to stop with every command it started."""
    script = (
        f'echo $$ > {PID_FILE}; exec {CLAUDE_BIN} -p "$(cat {PROMPT_FILE})" '
        f"--agents {AGENTS_FILE} --agent {agent_name} --output-format stream-json --verbose "
        "--dangerously-skip-permissions"
    )
    return ["bash", "-c", script]


def kill_argv() -> list[str]:
    """Stop the session's whole process group (as the agent's user)."""
    return ["bash", "-c", f'p=$(cat {PID_FILE} 2>/dev/null) && kill -KILL -- "-$p"; exit 0']
