"""The agent file as Claude Code's agent definition, and the session's command line."""

from harness.agent.agentfile import parse_agent
from harness.agent.claude_code.definition import (
    BRIDGE_KEY,
    agent_definition,
    session_argv,
    session_env,
    unsupported_tools,
)

AGENT = """---
name: api-builder
description: Builds APIs
tools: Read, Write, MultiEdit, Bash, Grep
model: sonnet
---
You build APIs.
"""


def test_the_definition_carries_name_description_prompt_tools_and_model() -> None:
    spec = parse_agent(AGENT, "a.md")
    assert agent_definition(spec) == {
        "api-builder": {
            "description": "Builds APIs",
            "prompt": "You build APIs.\n",
            "tools": ["Read", "Write", "MultiEdit", "Bash", "Grep"],
            "model": "sonnet",
        }
    }


def test_no_tools_line_means_no_tools_key_so_claude_code_offers_its_defaults() -> None:
    spec = parse_agent("---\nname: a\ndescription: d\n---\nbody\n", "a.md")
    assert agent_definition(spec) == {"a": {"description": "d", "prompt": "body\n"}}


def test_unsupported_tools_are_the_frontmatter_tools_not_offered_in_file_order() -> None:
    offered = ["Read", "Write", "Edit", "Bash"]
    assert unsupported_tools(["Read", "MultiEdit", "Bash", "Grep"], offered) == [
        "MultiEdit",
        "Grep",
    ]
    assert unsupported_tools(None, offered) == []


def test_the_session_talks_to_the_bridge_with_a_placeholder_key() -> None:
    env = session_env(8788)
    assert env["ANTHROPIC_BASE_URL"] == "http://127.0.0.1:8788"
    assert env["ANTHROPIC_API_KEY"] == BRIDGE_KEY and "sk-" not in BRIDGE_KEY
    argv = session_argv("api-builder")
    assert "setsid" not in argv  # it would fork and end the exec at once
    assert "--agent api-builder" in argv[-1] and "--dangerously-skip-permissions" in argv[-1]


def test_the_closing_result_is_the_last_result_line() -> None:
    from harness.agent.claude_code.runtime import closing_result

    stream = b'{"type":"system"}\n{"type":"result","is_error":false}\nnot json\n'
    stream += b'{"type":"result","is_error":true,"result":"API Error"}\n{"type":"x"}\n'
    assert closing_result(stream) == {"type": "result", "is_error": True, "result": "API Error"}
    assert closing_result(b"") is None
