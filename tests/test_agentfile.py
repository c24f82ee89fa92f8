"""Subagent files: frontmatter parsing, recorded hash/text, and one-line errors naming the file."""

import hashlib
from pathlib import Path

import pytest

from harness.agent.agentfile import AgentSpec, load_agent, parse_agent
from harness.agent.builtin.tools import SUPPORTED
from harness.errors import AgentFileError

REFERENCE = """\
---
name: backend-architect
description: Designs APIs and services. Use PROACTIVELY for backend work.
tools: Read, Write, Edit, MultiEdit, Bash, Grep, Glob, LS, TodoWrite
model: sonnet
color: blue
---

You are a backend architect.

Design first, then build.
"""

TOOLS_LIST = """\
---
name: lister
description: Tools given as a YAML list.
tools:
  - Read
  - Bash
  - WebFetch
---
Body.
"""


def test_reference_shape_parses_every_known_key() -> None:
    spec = parse_agent(REFERENCE, "agents/backend-architect.md")

    assert spec == AgentSpec(
        name="backend-architect",
        description="Designs APIs and services. Use PROACTIVELY for backend work.",
        system_prompt="You are a backend architect.\n\nDesign first, then build.\n",
        tools=("Read", "Write", "Edit", "MultiEdit", "Bash", "Grep", "Glob", "LS", "TodoWrite"),
        model="sonnet",
        color="blue",
        extra={},
        path="agents/backend-architect.md",
        sha256=hashlib.sha256(REFERENCE.encode()).hexdigest(),
        text=REFERENCE,
    )


def test_tools_as_yaml_list_keeps_order_and_unsupported_names() -> None:
    spec = parse_agent(TOOLS_LIST, "l.md")

    assert spec.tools == ("Read", "Bash", "WebFetch")
    assert spec.system_prompt == "Body.\n"


def test_comma_string_drops_blank_entries_and_spaces() -> None:
    text = "---\nname: a\ndescription: d\ntools: ' Read ,, Bash ,'\n---\nb\n"

    assert parse_agent(text, "a.md").tools == ("Read", "Bash")


def test_no_tools_key_means_none_not_empty() -> None:
    spec = parse_agent("---\nname: a\ndescription: d\n---\nbody\n", "a.md")

    assert spec.tools is None
    assert spec.model is None
    assert spec.color is None


def test_unknown_keys_are_kept_in_extra() -> None:
    text = (
        "---\nname: a\ndescription: d\npermissionMode: plan\n"
        "hooks:\n  pre: [x, y]\ncolor: red\n---\nbody\n"
    )

    spec = parse_agent(text, "a.md")

    assert spec.extra == {"permissionMode": "plan", "hooks": {"pre": ["x", "y"]}}
    assert spec.color == "red"


def test_name_and_description_are_stripped() -> None:
    spec = parse_agent("---\nname: '  a-1  '\ndescription: '  d  '\n---\nbody\n", "a.md")

    assert (spec.name, spec.description) == ("a-1", "d")


def test_load_agent_records_path_text_and_sha256(tmp_path: Path) -> None:
    path = tmp_path / "agent.md"
    path.write_bytes(REFERENCE.encode())

    spec = load_agent(path)

    assert spec.path == str(path)
    assert spec.text == REFERENCE
    assert spec.sha256 == hashlib.sha256(REFERENCE.encode()).hexdigest()
    assert spec.name == "backend-architect"


def test_sha256_changes_with_a_single_byte() -> None:
    other = REFERENCE.replace("Design first", "Design First")

    assert parse_agent(REFERENCE, "a.md").sha256 != parse_agent(other, "a.md").sha256


def test_sha256_is_the_hash_of_the_file_bytes_for_crlf_files(tmp_path: Path) -> None:
    data = REFERENCE.replace("\n", "\r\n").encode()
    path = tmp_path / "crlf.md"
    path.write_bytes(data)

    spec = load_agent(path)

    assert spec.sha256 == hashlib.sha256(data).hexdigest()


BAD_TEXTS = [
    pytest.param(
        "name: a\ndescription: d\nbody\n",
        "bad.md: no YAML frontmatter; start the file with a '---' line",
        id="no-frontmatter",
    ),
    pytest.param("", "bad.md: no YAML frontmatter; start the file with a '---' line", id="empty"),
    pytest.param(
        "---\nname: a\ndescription: d\nbody\n",
        "bad.md: frontmatter is not closed; add a '---' line after it",
        id="unclosed",
    ),
    pytest.param(
        "---\nname: a\ndescription: x: y: z\n---\nbody\n",
        "bad.md: frontmatter is not valid YAML at line 3; fix it",
        id="invalid-yaml",
    ),
    pytest.param(
        "---\n- a\n- b\n---\nbody\n",
        "bad.md: frontmatter must be a YAML mapping of keys to values",
        id="yaml-list",
    ),
    pytest.param(
        "---\n---\nbody\n",
        "bad.md: frontmatter must be a YAML mapping of keys to values",
        id="empty-frontmatter",
    ),
    pytest.param(
        "---\ndescription: d\n---\nbody\n",
        "bad.md: frontmatter needs a non-empty 'name'",
        id="missing-name",
    ),
    pytest.param(
        "---\nname: 7\ndescription: d\n---\nbody\n",
        "bad.md: frontmatter needs a non-empty 'name'",
        id="name-not-string",
    ),
    pytest.param(
        "---\nname: a\n---\nbody\n",
        "bad.md: frontmatter needs a non-empty 'description'",
        id="missing-description",
    ),
    pytest.param(
        "---\nname: a\ndescription: '   '\n---\nbody\n",
        "bad.md: frontmatter needs a non-empty 'description'",
        id="blank-description",
    ),
    pytest.param(
        "---\nname: Backend_Architect\ndescription: d\n---\nbody\n",
        "bad.md: name 'Backend_Architect' must be lowercase letters, digits, hyphens",
        id="bad-name",
    ),
    pytest.param(
        "---\nname: a\ndescription: d\n---\n \n\n",
        "bad.md: the body (the system prompt) is empty; write one",
        id="empty-body",
    ),
    pytest.param(
        "---\nname: a\ndescription: d\ntools: 5\n---\nbody\n",
        "bad.md: 'tools' must be a comma string or a list of names",
        id="tools-int",
    ),
    pytest.param(
        "---\nname: a\ndescription: d\ntools: [Read, 3]\n---\nbody\n",
        "bad.md: 'tools' must be a comma string or a list of names",
        id="tools-list-with-int",
    ),
    pytest.param(
        "---\nname: a\ndescription: d\nmodel: [x]\n---\nbody\n",
        "bad.md: 'model' must be a string",
        id="model-list",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_TEXTS)
def test_malformed_text_raises_one_line_error_naming_the_file(text: str, message: str) -> None:
    with pytest.raises(AgentFileError) as info:
        parse_agent(text, "bad.md")

    assert str(info.value) == message


def test_bad_name_with_newline_still_gives_one_line_error() -> None:
    text = "---\nname: |\n  a\n  b\ndescription: d\n---\nbody\n"

    with pytest.raises(AgentFileError) as info:
        parse_agent(text, "bad.md")

    assert "\n" not in str(info.value)


def test_missing_file_error_starts_with_path(tmp_path: Path) -> None:
    path = tmp_path / "nope.md"

    with pytest.raises(AgentFileError) as info:
        load_agent(path)

    assert str(info.value) == f"{path}: no such agent file; pass --agent PATH"


def test_non_utf8_file_error_starts_with_path(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("---\nname: a\ndescription: caf\xe9\n---\nbody\n".encode("latin-1"))

    with pytest.raises(AgentFileError) as info:
        load_agent(path)

    assert str(info.value) == f"{path}: not a UTF-8 text file; pass a subagent .md file"


def test_directory_instead_of_file_is_an_agent_file_error(tmp_path: Path) -> None:
    with pytest.raises(AgentFileError) as info:
        load_agent(tmp_path)

    assert str(info.value) == f"{tmp_path}: not a UTF-8 text file; pass a subagent .md file"


def test_load_agent_error_from_parse_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("no frontmatter here\n")

    with pytest.raises(AgentFileError) as info:
        load_agent(path)

    assert str(info.value) == f"{path}: no YAML frontmatter; start the file with a '---' line"


def test_supported_tools_are_the_nine_claude_code_builtins() -> None:
    assert sorted(SUPPORTED) == sorted(
        ["Read", "Write", "Edit", "MultiEdit", "Bash", "Grep", "Glob", "LS", "TodoWrite"]
    )


FIXTURES = Path(__file__).parent / "fixtures" / "agents"
AGENTS = Path(__file__).parent.parent / "agents"


def test_fixture_with_the_reference_shape_loads_and_splits_tools() -> None:
    from harness.agent.builtin.tools import split_tools

    spec = load_agent(FIXTURES / "reference-shape.md")
    assert (spec.name, spec.color) == ("data-pipeline-engineer", "teal")
    assert spec.tools is not None and "Task" in spec.tools
    selection = split_tools(spec.tools)
    assert selection.unsupported == ("Task",)
    assert len(selection.offered) == 9
    assert spec.system_prompt.startswith("You are a **Data Pipeline Engineer**")


def test_fixture_tools_list_keeps_unknown_key() -> None:
    spec = load_agent(FIXTURES / "tools-list.md")
    assert spec.tools == ("Read", "Grep", "Bash")
    assert spec.extra == {"permissionMode": "plan"}


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("no-frontmatter.md", "no YAML frontmatter"),
        ("bad-yaml.md", "not valid YAML"),
        ("missing-name.md", "needs a non-empty 'name'"),
        ("empty-body.md", "body (the system prompt) is empty"),
    ],
)
def test_malformed_fixtures_fail_with_one_line(name: str, fragment: str) -> None:
    with pytest.raises(AgentFileError) as err:
        load_agent(FIXTURES / name)
    message = str(err.value)
    assert message.startswith(str(FIXTURES / name)) and fragment in message
    assert "\n" not in message


@pytest.mark.parametrize("name", ["backend-architect.md", "backend-architect-minimal.md"])
def test_shipped_agents_offer_all_nine_tools(name: str) -> None:
    from harness.agent.builtin.tools import SUPPORTED, split_tools

    spec = load_agent(AGENTS / name)
    assert spec.name == name.removesuffix(".md")
    assert spec.tools is not None
    assert split_tools(spec.tools).offered == SUPPORTED
    assert spec.extra == {}


def test_minimal_agent_is_much_shorter_than_the_full_one() -> None:
    full = load_agent(AGENTS / "backend-architect.md").system_prompt
    minimal = load_agent(AGENTS / "backend-architect-minimal.md").system_prompt
    assert len(minimal) * 4 < len(full)


def test_labels_are_names_unless_two_files_share_one() -> None:
    from harness.agent.agentfile import agent_labels

    def spec(name: str, sha: str) -> AgentSpec:
        return AgentSpec(name, "", "", None, path=f"{name}-{sha}.md", sha256=sha * 64)

    assert agent_labels([spec("a", "1"), spec("b", "2")]) == ["a", "b"]
    assert agent_labels([spec("a", "1"), spec("a", "2"), spec("b", "3")]) == [
        "a@11111111",
        "a@22222222",
        "b",
    ]
    with pytest.raises(AgentFileError, match="given twice with --agent"):
        agent_labels([spec("a", "1"), spec("b", "1")])


def test_matrix_jobs_carry_the_agent_label_in_key_and_folder(tmp_path: Path) -> None:
    from harness.results.log import sample_folder
    from harness.run.runner import make_jobs

    task = type("T", (), {"id": "t"})()
    single = make_jobs([task], 2, ["oracle"])  # type: ignore[list-item]
    assert [j.key for j in single] == ["t/1/oracle", "t/2/oracle"]
    matrix = make_jobs([task], 1, ["oracle", "openai/x"], ["a", "b"])  # type: ignore[list-item]
    assert [j.key for j in matrix] == [
        "t/1/a/oracle",
        "t/1/a/openai/x",
        "t/1/b/oracle",
        "t/1/b/openai/x",
    ]
    assert sample_folder(tmp_path, "t", 1, "openai/x", "b") == tmp_path / "samples/t/1/b__openai_x"
    assert sample_folder(tmp_path, "t", 1, "openai/x") == tmp_path / "samples/t/1/openai_x"
